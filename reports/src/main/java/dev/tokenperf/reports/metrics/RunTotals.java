package dev.tokenperf.reports.metrics;

import dev.tokenperf.reports.record.GpuEnergy;

/**
 * Run-level sums that scalar metrics (throughputs, counts, duration) are computed from.
 *
 * @param benchmarkDurationNanos the measured window
 * @param successfulRequests     requests that completed without error
 * @param failedRequests         requests with an error record, not counting those the client cancelled
 * @param cancelledRequests      requests the client cancelled on purpose ({@code --request-cancellation-rate})
 * @param outputTokens           output tokens of successful requests
 * @param inputTokens            input tokens of successful requests
 * @param goodRequests           successful requests meeting every goodput SLO, or -1 when the run has no SLOs
 * @param energy                 the GPUs' energy over the same window, or null without GPU telemetry
 * @param cache                  the cached prompt tokens successful requests reported
 */
public record RunTotals(long benchmarkDurationNanos, long successfulRequests, long failedRequests,
                        long cancelledRequests, long outputTokens, long inputTokens, long goodRequests,
                        GpuEnergy.Window energy, CachedTokens cache) {

    /**
     * The successful requests whose usage reported {@code cached_tokens}: how many, their cached tokens and their
     * input tokens.
     */
    public record CachedTokens(long reportingRequests, long cachedTokens, long inputTokens) {

        /** Cached over input tokens of the reporting requests; NaN when none reported (or they had no input). */
        public double hitRate() {
            return reportingRequests == 0 || inputTokens <= 0 ? Double.NaN : (double) cachedTokens / inputTokens;
        }
    }

    public double durationSeconds() {
        return benchmarkDurationNanos / 1e9;
    }

    /** {@code amount} per second of benchmark duration; 0 when the window is empty. */
    public double perSecond(long amount) {
        return benchmarkDurationNanos <= 0 ? 0d : amount / durationSeconds();
    }
}
