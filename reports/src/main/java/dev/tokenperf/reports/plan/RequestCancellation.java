package dev.tokenperf.reports.plan;

import java.time.Duration;

/**
 * Clients that give up, as aiperf's {@code --request-cancellation-rate} and {@code --request-cancellation-delay}:
 * the chosen share of measured requests is closed mid-flight {@code delay} after it was sent. The choice is an even
 * spread rather than a draw, so any run of 100 consecutive requests cancels exactly the rate's share (rounded) and
 * a test can count on it.
 *
 * @param ratePercent share of measured requests cancelled, in [0, 100]
 * @param delay       how long after its send a chosen request is closed
 */
public record RequestCancellation(double ratePercent, Duration delay) {
    /** No request is cancelled. */
    public static final RequestCancellation NONE = new RequestCancellation(0, Duration.ZERO);

    public RequestCancellation {
        if (!(ratePercent >= 0 && ratePercent <= 100)) {
            throw new IllegalArgumentException("--request-cancellation-rate must be within [0, 100], got "
                    + ratePercent);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("--request-cancellation-delay must be >= 0 seconds, got "
                    + delay.toMillis() / 1000d);
        }
    }

    /** True when the measured request {@code index} (from 0) is one to cancel. */
    public boolean chosen(long index) {
        return ratePercent > 0 && Math.floor((index + 1) * ratePercent / 100) > Math.floor(index * ratePercent / 100);
    }
}
