package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.metrics.MetricAccumulator;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricSource;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.metrics.RunTotals;
import dev.tokenperf.reports.record.GpuEnergy;
import dev.tokenperf.reports.record.RequestRecord;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every registry metric over a set of measured records, fed one record at a time: the whole run's, or one time
 * slice's. Distribution metrics accumulate into histograms; run-level metrics come from the totals at the end.
 */
final class MetricTally {
    private final Map<MetricDefinition, MetricAccumulator> accumulators = new LinkedHashMap<>();
    private long ok;
    private long failed;
    private long outputTokens;
    private long inputTokens;
    private long good;
    private long cancelled;
    private long cacheReporting;
    private long cachedTokens;
    private long cacheInputTokens;

    MetricTally() {
        for (MetricDefinition metric : MetricRegistry.all()) {
            if (metric.isDistribution()) {
                accumulators.put(metric, new MetricAccumulator(metric));
            }
        }
    }

    /** Counts a request the client cancelled on purpose: neither a success nor a failure, and no latency. */
    void cancelled() {
        cancelled++;
    }

    /** Adds one measured record; {@code isGood} whether it met every goodput SLO. */
    void add(RequestRecord r, boolean isGood) {
        if (!r.succeeded()) {
            failed++;
            return;
        }
        ok++;
        outputTokens += r.outputTokens();
        inputTokens += Math.max(0, r.inputTokens());
        if (r.reportedCachedTokens()) {
            cacheReporting++;
            cachedTokens += r.serverCachedTokens();
            cacheInputTokens += Math.max(0, r.inputTokens());
        }
        if (isGood) {
            good++;
        }
        for (Map.Entry<MetricDefinition, MetricAccumulator> e : accumulators.entrySet()) {
            MetricDefinition metric = e.getKey();
            if (!metric.streamingOnly() || r.streaming()) {
                metric.emit(r, e.getValue()::record);
            }
        }
    }

    /** Measured records added, failed ones included. */
    long requests() {
        return ok + failed;
    }

    /** Measured records that failed. */
    long failed() {
        return failed;
    }

    MetricAccumulator accumulator(MetricDefinition metric) {
        return accumulators.get(metric);
    }

    /**
     * @param durationNanos the window the records belong to, for throughputs
     * @param withSlos      whether goodput is judged (its metrics are absent otherwise)
     * @param energy        the GPUs' energy over the same window, or null (its metrics are absent then)
     * @param histograms    filled with each distribution metric's histogram that has values
     * @return one entry per metric that has a value, in registry order
     */
    List<MetricStatistics> statistics(long durationNanos, boolean withSlos, GpuEnergy.Window energy,
                                      Map<String, Histogram> histograms) {
        RunTotals totals = new RunTotals(durationNanos, ok, failed, cancelled, outputTokens, inputTokens,
                withSlos ? good : -1, energy,
                new RunTotals.CachedTokens(cacheReporting, cachedTokens, cacheInputTokens));
        List<MetricStatistics> statistics = new ArrayList<>();
        for (MetricDefinition metric : MetricRegistry.all()) {
            if (metric.isDistribution()) {
                MetricAccumulator acc = accumulators.get(metric);
                if (acc.count() > 0) {
                    statistics.add(acc.statistics());
                    histograms.put(metric.tag(), acc.histogram());
                }
            } else if (metric.source() == MetricSource.ENERGY || metric.source() == MetricSource.PREFIX_CACHE) {
                double value = metric.source() == MetricSource.ENERGY && energy == null ? Double.NaN
                        : metric.runValue(totals);
                // NaN: no telemetry, no request reported cached tokens, or nothing to divide by
                if (!Double.isNaN(value)) {
                    statistics.add(MetricStatistics.scalar(metric, value));
                }
            } else if (metric.source() != MetricSource.SLOS || withSlos) {
                statistics.add(MetricStatistics.scalar(metric, metric.runValue(totals)));
            }
        }
        return statistics;
    }
}
