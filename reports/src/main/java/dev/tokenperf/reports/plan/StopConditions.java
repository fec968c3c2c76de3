package dev.tokenperf.reports.plan;

/**
 * When the measured phase stops issuing, and how gently it ends.
 *
 * @param requestCount           measured requests, or 0 for no count limit
 * @param durationNanos          how long to keep sending, or 0 for no time limit
 * @param gracePeriodNanos       after a duration stop, how long in-flight requests may still finish
 * @param failedRequestThreshold abort once this many requests have failed, or 0 for never
 *                               ({@code --failed-request-count-threshold})
 * @param failedRequestRatio     abort once more than this share of finished requests failed, or 0 for never
 *                               ({@code --failed-request-threshold}, aiperf's meaning)
 */
public record StopConditions(long requestCount, long durationNanos, long gracePeriodNanos,
                             long failedRequestThreshold, double failedRequestRatio) {
    /** Aiperf's default grace period. */
    public static final long DEFAULT_GRACE_NANOS = 30_000_000_000L;

    public StopConditions {
        if (!(failedRequestRatio >= 0 && failedRequestRatio < 1)) {
            throw new IllegalArgumentException("--failed-request-threshold must be a ratio in (0, 1), got "
                    + failedRequestRatio);
        }
        if (requestCount < 0 || durationNanos < 0 || failedRequestThreshold < 0) {
            throw new IllegalArgumentException("stop limits must be >= 0");
        }
        if (requestCount == 0 && durationNanos == 0) {
            throw new IllegalArgumentException("a run needs --request-count or --benchmark-duration");
        }
        if (gracePeriodNanos < 0) {
            throw new IllegalArgumentException("--benchmark-grace-period must be >= 0 seconds, got "
                    + gracePeriodNanos / 1e9);
        }
    }

    /** Stop conditions without a failure ratio. */
    public StopConditions(long requestCount, long durationNanos, long gracePeriodNanos, long failedRequestThreshold) {
        this(requestCount, durationNanos, gracePeriodNanos, failedRequestThreshold, 0);
    }

    /**
     * The stop conditions as the flags give them (null when a flag is absent). Without a count or a duration, the
     * load's default count applies.
     */
    public static StopConditions of(Integer requestCount, Double durationSeconds, double graceSeconds,
                                    Long failedRequestThreshold, Double failedRequestRatio, LoadModel load) {
        if (requestCount != null && requestCount < 1) {
            throw new IllegalArgumentException("--request-count must be >= 1, got " + requestCount);
        }
        if (durationSeconds != null) {
            Limits.positive("--benchmark-duration", durationSeconds, Limits.MAX_SECONDS, "seconds");
        }
        Limits.between("--benchmark-grace-period", graceSeconds, 0, Limits.MAX_SECONDS, "seconds");
        if (failedRequestThreshold != null && failedRequestThreshold < 1) {
            throw new IllegalArgumentException("--failed-request-count-threshold must be >= 1, got "
                    + failedRequestThreshold);
        }
        if (failedRequestRatio != null && !(failedRequestRatio > 0 && failedRequestRatio < 1)) {
            throw new IllegalArgumentException("--failed-request-threshold must be a ratio in (0, 1), got "
                    + failedRequestRatio);
        }
        long duration = durationSeconds == null ? 0 : Math.round(durationSeconds * 1e9);
        long count = requestCount != null ? requestCount : duration > 0 ? 0 : load.defaultRequestCount();
        return new StopConditions(count, duration, Math.round(graceSeconds * 1e9),
                failedRequestThreshold == null ? 0 : failedRequestThreshold,
                failedRequestRatio == null ? 0 : failedRequestRatio);
    }

    /** A count limit with the default grace period and no failure threshold. */
    public static StopConditions requests(long count) {
        return new StopConditions(count, 0, DEFAULT_GRACE_NANOS, 0);
    }

    /** A time limit with the given grace period and no failure threshold. */
    public static StopConditions duration(long durationNanos, long gracePeriodNanos) {
        return new StopConditions(0, durationNanos, gracePeriodNanos, 0);
    }
}
