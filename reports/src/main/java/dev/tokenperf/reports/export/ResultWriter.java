package dev.tokenperf.reports.export;

import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.resultdir.HistogramLogFile;
import dev.tokenperf.reports.summary.RunSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every file of a run's result directory, all from the run's one summary. */
public final class ResultWriter {

    private ResultWriter() {
    }

    public static void write(RunSummary summary, Path dir) throws IOException {
        Files.createDirectories(dir);
        SummaryJsonWriter.write(summary, dir);
        SummaryCsvWriter.write(summary, dir);
        RecordsJsonlWriter.write(summary.result(), dir, summary.accuracy());
        StageReportsJsonlWriter.write(summary.result(), dir);
        RunResult result = summary.result();
        HistogramLogFile.write(summary.histograms(), result.startTime().toEpochMilli(),
                result.benchmarkDurationNanos() / 1_000_000, dir);
    }
}
