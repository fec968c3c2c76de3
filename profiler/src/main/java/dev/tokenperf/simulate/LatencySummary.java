package dev.tokenperf.simulate;

import org.HdrHistogram.Histogram;

/**
 * Mean and percentiles of one latency, in milliseconds (NaN when nothing was recorded).
 *
 * @param meanMs mean
 * @param p50Ms  median
 * @param p90Ms  90th percentile
 * @param p99Ms  99th percentile
 */
public record LatencySummary(double meanMs, double p50Ms, double p90Ms, double p99Ms) {

    /** Summarises a histogram of nanoseconds. */
    static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new LatencySummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(nanos.getMean() / 1e6, nanos.getValueAtPercentile(50) / 1e6,
                nanos.getValueAtPercentile(90) / 1e6, nanos.getValueAtPercentile(99) / 1e6);
    }
}
