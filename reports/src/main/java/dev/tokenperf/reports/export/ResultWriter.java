package dev.tokenperf.reports.export;

import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.resultdir.HistogramLogFile;
import dev.tokenperf.reports.summary.RunSummary;
import dev.tokenperf.reports.summary.TimeSlice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<HistogramLogFile.Interval> intervals = new ArrayList<>();
        if (summary.slices().isEmpty()) {
            intervals.add(new HistogramLogFile.Interval(0, result.benchmarkDurationNanos() / 1_000_000,
                    summary.histograms()));
        } else {
            for (TimeSlice slice : summary.slices()) {
                intervals.add(new HistogramLogFile.Interval(slice.startNanos() / 1_000_000,
                        slice.durationNanos() / 1_000_000, slice.histograms()));
            }
            TimeSlicesWriter.write(summary, dir);
        }
        HistogramLogFile.write(intervals, result.startTime().toEpochMilli(), dir);
    }
}
