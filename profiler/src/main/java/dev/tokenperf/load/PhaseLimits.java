package dev.tokenperf.load;

/**
 * What ends a phase besides its stop condition, and how gently.
 *
 * @param gracePeriodNanos       after a duration stop, how long in-flight requests may still finish before
 *                               they are cut
 * @param failedRequestThreshold abort the phase when this many requests have failed, or 0 for never
 * @param rampNanos              closed loop: spread the start of the connections over this long (0: all at once)
 * @param failedRequestRatio     abort the phase when more than this share of its finished requests failed, judged
 *                               once at least 1/ratio have finished, or 0 for never
 */
public record PhaseLimits(long gracePeriodNanos, long failedRequestThreshold, long rampNanos,
                          double failedRequestRatio) {
    /** Aiperf's default grace period. */
    public static final PhaseLimits DEFAULT = new PhaseLimits(30_000_000_000L, 0, 0);

    /** Limits without a failure ratio. */
    public PhaseLimits(long gracePeriodNanos, long failedRequestThreshold, long rampNanos) {
        this(gracePeriodNanos, failedRequestThreshold, rampNanos, 0);
    }

    public PhaseLimits {
        if (gracePeriodNanos < 0 || failedRequestThreshold < 0 || rampNanos < 0 || failedRequestRatio < 0) {
            throw new IllegalArgumentException("grace period, failed-request threshold and ramp must be >= 0");
        }
    }
}
