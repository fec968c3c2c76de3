package dev.tokenperf.reports.plan;

/**
 * Unmeasured load sent before the measured phase; both limits apply, whichever ends it first.
 *
 * @param requestCount  warmup requests, or 0
 * @param durationNanos warmup time, or 0
 */
public record Warmup(int requestCount, long durationNanos) {
    /** No warmup. */
    public static final Warmup NONE = new Warmup(0, 0);

    public Warmup {
        if (requestCount < 0) {
            throw new IllegalArgumentException("--warmup-request-count must be >= 0, got " + requestCount);
        }
        if (durationNanos < 0) {
            throw new IllegalArgumentException("--warmup-duration must be > 0 seconds, got " + durationNanos / 1e9);
        }
    }

    /** The warmup as the flags give it ({@code durationSeconds} null when absent). */
    public static Warmup of(int requestCount, Double durationSeconds) {
        if (durationSeconds != null) {
            Limits.positive("--warmup-duration", durationSeconds, Limits.MAX_SECONDS, "seconds");
        }
        return new Warmup(requestCount, durationSeconds == null ? 0 : Math.round(durationSeconds * 1e9));
    }

    public boolean none() {
        return requestCount == 0 && durationNanos == 0;
    }
}
