package dev.tokenperf.reports.merge;

import dev.tokenperf.reports.compare.WorkloadSpec;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines results of the same workload into one summary. Histograms of the same metric are added
 * (lossless), and the merged result's percentiles are read from those sums; exact count/avg/min/max/std and
 * everything else come from the one pass over the merged records. Two ways the inputs may have run:
 * <ul>
 *   <li>one after the other (repeated runs): durations add up, and each run's record times are shifted past
 *       the previous run's last response so times stay ordered;</li>
 *   <li>at the same time ({@code concurrent}, several client machines): the duration is the union of the
 *       inputs' measured windows on the wall clock (earliest start to latest end), so throughputs add up for
 *       clients that ran together and are not overstated for clients that started apart.</li>
 * </ul>
 */
public final class ResultMerger {

    private ResultMerger() {
    }

    /** @throws IllegalArgumentException when the workloads differ and {@code allowDifferentWorkloads} is false */
    public static RunSummary merge(List<SavedResult> inputs, boolean concurrent, boolean allowDifferentWorkloads) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("merge needs at least two result directories, got " + inputs.size());
        }
        SavedResult first = inputs.get(0);
        if (!allowDifferentWorkloads) {
            WorkloadSpec.requireSame(inputs, "merge", false);
        }
        RecordSpill records = RecordSpill.open();
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        long offsetNanos = 0;
        long durationNanos = 0;
        Instant windowStart = null;
        Instant windowEnd = null;
        Instant start = first.result().startTime();
        Instant end = first.result().endTime();
        boolean cancelled = false;
        List<String> sources = new ArrayList<>();
        for (SavedResult input : inputs) {
            RunResult run = input.result();
            long shift = concurrent ? 0 : offsetNanos;
            long lastEnd = 0;
            for (RequestRecord r : run.records()) {
                records.accept(shifted(r, shift));
                lastEnd = Math.max(lastEnd, r.endNanos());
            }
            offsetNanos += lastEnd;
            durationNanos += run.benchmarkDurationNanos();
            // the measured window ends when the run ended; it began one benchmark duration earlier
            Instant measuredStart = run.endTime().minusNanos(run.benchmarkDurationNanos());
            windowStart = windowStart == null || measuredStart.isBefore(windowStart) ? measuredStart : windowStart;
            windowEnd = windowEnd == null || run.endTime().isAfter(windowEnd) ? run.endTime() : windowEnd;
            input.histograms().forEach((tag, h) -> histograms.merge(tag, h.copy(), (a, b) -> {
                a.add(b);
                return a;
            }));
            start = run.startTime().isBefore(start) ? run.startTime() : start;
            end = run.endTime().isAfter(end) ? run.endTime() : end;
            cancelled |= run.cancelled();
            sources.add(input.dir().toString());
        }
        if (concurrent) {
            durationNanos = java.time.Duration.between(windowStart, windowEnd).toNanos();
        }
        Map<String, Object> configuration = new LinkedHashMap<>(first.result().configuration());
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("mode", concurrent ? "concurrent" : "sequential");
        merged.put("sources", sources);
        configuration.put("merged", merged);
        RunResult result = new RunResult(first.result().toolVersion(), configuration, start, end, durationNanos,
                first.result().streaming(), cancelled, records.finish(), null, null, null);

        RunSummary computed = RunSummarizer.summarize(result);
        List<MetricStatistics> statistics = new ArrayList<>();
        for (MetricStatistics s : computed.statistics()) {
            Histogram h = histograms.get(s.metric().tag());
            statistics.add(s.metric().isDistribution() && h != null ? withPercentiles(s, h) : s);
        }
        return computed.withDistributions(statistics, histograms);
    }

    /** The statistics with percentiles read from {@code histogram}, kept within the exact min and max. */
    private static MetricStatistics withPercentiles(MetricStatistics s, Histogram histogram) {
        Map<String, Double> percentiles = new HashMap<>();
        for (double p : MetricStatistics.PERCENTILES) {
            double value = s.metric().unit().fromRecorded(histogram.getValueAtPercentile(p));
            percentiles.put(MetricStatistics.percentileKey(p), Math.max(s.min(), Math.min(s.max(), value)));
        }
        return new MetricStatistics(s.metric(), histogram.getTotalCount(), s.avg(), s.min(), s.max(), s.std(),
                percentiles);
    }

    private static RequestRecord shifted(RequestRecord r, long shift) {
        if (shift == 0) {
            return r;
        }
        long[] chunks = r.chunkArrivalNanos().clone();
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] += shift;
        }
        return new RequestRecord(r.index(), r.requestId(), r.warmup(), r.streaming(), r.intendedStartNanos() + shift,
                r.startNanos() + shift, r.endNanos() + shift, chunks, r.chunkReadIndexes(), r.serverInputTokens(),
                r.serverOutputTokens(), r.requestedInputTokens(), r.requestedOutputTokens(), r.outputText(),
                r.error(), r.reasoningChunks(), r.serverReasoningTokens(), r.sessionId(), r.turnIndex());
    }
}
