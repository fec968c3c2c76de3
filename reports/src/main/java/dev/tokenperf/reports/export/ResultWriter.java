package dev.tokenperf.reports.export;

import dev.tokenperf.reports.metrics.RunSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every file of a run's result directory. */
public final class ResultWriter {

    private ResultWriter() {
    }

    public static void write(RunSummary summary, Path dir) throws IOException {
        Files.createDirectories(dir);
        SummaryJsonWriter.write(summary, dir);
        SummaryCsvWriter.write(summary, dir);
        RecordsJsonlWriter.write(summary.result(), dir);
        StageReportsJsonlWriter.write(summary.result(), dir);
    }
}
