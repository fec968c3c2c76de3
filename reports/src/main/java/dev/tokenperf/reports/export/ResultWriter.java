package dev.tokenperf.reports.export;

import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.metrics.RunSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every file of a run's result directory. */
public final class ResultWriter {

    private ResultWriter() {
    }

    public static void write(RunSummary summary, Path dir) throws IOException {
        write(summary, dir, null);
    }

    /** @param accuracy the run's sequence-length check, added to summary.json and records.jsonl, or null */
    public static void write(RunSummary summary, Path dir, SequenceLengthAccuracy accuracy) throws IOException {
        Files.createDirectories(dir);
        SummaryJsonWriter.write(summary, dir, accuracy);
        SummaryCsvWriter.write(summary, dir);
        RecordsJsonlWriter.write(summary.result(), dir, accuracy);
    }
}
