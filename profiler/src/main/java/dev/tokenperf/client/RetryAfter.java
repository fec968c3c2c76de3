package dev.tokenperf.client;

/**
 * Reads a response's {@code Retry-After} (RFC 9110 10.2.3) in its delta-seconds form, the one inference servers
 * send with 429 and 503. An HTTP-date is not read: it would need the server's and the client's wall clocks to
 * agree.
 */
public final class RetryAfter {
    /** No {@code Retry-After}, or one that is not a number of seconds. */
    public static final long NONE = -1;

    private RetryAfter() {
    }

    /** The back-off asked for, in milliseconds, or {@link #NONE}. */
    public static long millis(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        try {
            double seconds = Double.parseDouble(header.trim());
            return Double.isFinite(seconds) && seconds >= 0 ? Math.round(Math.min(seconds, 86_400) * 1000) : NONE;
        } catch (NumberFormatException e) {
            return NONE;
        }
    }
}
