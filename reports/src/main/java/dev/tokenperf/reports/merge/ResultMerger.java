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
 *       clients that ran together and are not overstated for clients that started apart. Shards
 *       ({@code --shard}) must be the whole of one plan ({@link ShardSet}); the merge records how far apart
 *       they started; with recorded clocks, every input's record times are moved to count from the earliest
 *       origin, so their timelines line up.</li>
 * </ul>
 */
public final class ResultMerger {

    private ResultMerger() {
    }

    /** Merges without accepting a partial set of shards. */
    public static RunSummary merge(List<SavedResult> inputs, boolean concurrent, boolean allowDifferentWorkloads) {
        return merge(inputs, concurrent, allowDifferentWorkloads, false);
    }

    /**
     * @param allowPartial whether a concurrent merge of shards may lack some (a warning in the result)
     * @throws IllegalArgumentException when the workloads differ and {@code allowDifferentWorkloads} is false, or
     *                                  when concurrent shards are not the whole of one plan
     */
    public static RunSummary merge(List<SavedResult> inputs, boolean concurrent, boolean allowDifferentWorkloads,
                                   boolean allowPartial) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("merge needs at least two result directories, got " + inputs.size());
        }
        SavedResult first = inputs.get(0);
        ShardSet shards = concurrent ? ShardSet.of(inputs, allowPartial) : null;
        // shards of one plan share its hash, a stricter match; their prompt sets are disjoint slices on purpose
        if (!allowDifferentWorkloads && (shards == null || shards.count() == 1)) {
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
        for (int k = 0; k < inputs.size(); k++) {
            SavedResult input = inputs.get(k);
            RunResult run = input.result();
            long shift = concurrent ? shards.alignmentNanos(k) : offsetNanos;
            long lastEnd = 0;
            for (RequestRecord r : run.records()) {
                records.accept(shifted(r, shift));
                lastEnd = Math.max(lastEnd, r.endNanos());
            }
            offsetNanos += lastEnd;
            durationNanos += run.benchmarkDurationNanos();
            // the measured window began at the recorded start, else one benchmark duration before the run ended
            Instant recorded = shards == null ? null : shards.starts().get(k);
            Instant measuredStart = recorded != null ? recorded : run.endTime().minusNanos(run.benchmarkDurationNanos());
            Instant measuredEnd = measuredStart.plusNanos(run.benchmarkDurationNanos());
            windowStart = windowStart == null || measuredStart.isBefore(windowStart) ? measuredStart : windowStart;
            windowEnd = windowEnd == null || measuredEnd.isAfter(windowEnd) ? measuredEnd : windowEnd;
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
        if (shards != null) {
            merged.putAll(shards.describe());
        }
        configuration.put(RunResult.MERGED_KEY, merged);
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
                r.error(), r.reasoningChunks(), r.serverReasoningTokens(), r.sessionId(), r.turnIndex(),
                r.serverCachedTokens(), r.model(), r.url());
    }
}
