package dev.tokenperf.reports.export;

import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.metrics.RunSummarizer;
import dev.tokenperf.reports.metrics.RunSummary;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.resultdir.HistogramLogFile;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes every file of a run's result directory. */
public final class ResultWriter {

    private ResultWriter() {
    }

    public static void write(RunSummary summary, Path dir) throws IOException {
        write(summary, RunSummarizer.histograms(summary.result()), dir, null);
    }

    /** @param accuracy the run's sequence-length check, added to summary.json and records.jsonl, or null */
    public static void write(RunSummary summary, Path dir, SequenceLengthAccuracy accuracy) throws IOException {
        write(summary, RunSummarizer.histograms(summary.result()), dir, accuracy);
    }

    /** Writes a result whose histograms come from elsewhere (a merge adds the inputs' histograms). */
    public static void write(RunSummary summary, Map<String, Histogram> histograms, Path dir) throws IOException {
        write(summary, histograms, dir, null);
    }

    private static void write(RunSummary summary, Map<String, Histogram> histograms, Path dir,
                              SequenceLengthAccuracy accuracy) throws IOException {
        Files.createDirectories(dir);
        SummaryJsonWriter.write(summary, dir, accuracy);
        SummaryCsvWriter.write(summary, dir);
        RecordsJsonlWriter.write(summary.result(), dir, accuracy);
        StageReportsJsonlWriter.write(summary.result(), dir);
        RunResult result = summary.result();
        HistogramLogFile.write(histograms, result.startTime().toEpochMilli(),
                result.benchmarkDurationNanos() / 1_000_000, dir);
    }
}
