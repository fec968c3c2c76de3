package dev.tokenperf.client;

import io.netty.handler.codec.DateFormatter;

import java.util.Date;
import java.util.function.LongSupplier;

/**
 * Reads a response's {@code Retry-After} (RFC 9110 10.2.3) in both its forms: delta-seconds, the one inference
 * servers send with 429 and 503, and an HTTP-date (any of the three formats RFC 9110 5.6.7 makes recipients
 * accept). A date is turned into a delay against the same response's {@code Date}, so that only the server's
 * clock is involved; only without a {@code Date} is the client's wall clock the reference.
 */
public final class RetryAfter {
    /** No {@code Retry-After}, or one that is neither a number of seconds nor an HTTP-date. */
    public static final long NONE = -1;
    /** A longer back-off is recorded as one day: beyond any run, and no overflow. */
    private static final long MAX_MILLIS = 86_400_000;

    private RetryAfter() {
    }

    /**
     * The back-off asked for, in milliseconds, or {@link #NONE}.
     *
     * @param header        the {@code Retry-After} value
     * @param date          the response's {@code Date} value, or null
     * @param wallClockMillis the client's wall clock, read only for a date without a valid {@code Date}
     */
    public static long millis(String header, String date, LongSupplier wallClockMillis) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        String value = header.trim();
        if (!value.isEmpty() && (Character.isDigit(value.charAt(0)) || value.charAt(0) == '.')) {
            try {
                double seconds = Double.parseDouble(value);
                return Double.isFinite(seconds) && seconds >= 0 ? Math.min(Math.round(seconds * 1000), MAX_MILLIS)
                        : NONE;
            } catch (NumberFormatException e) {
                return NONE;
            }
        }
        Date at = DateFormatter.parseHttpDate(value);
        if (at == null) {
            return NONE;
        }
        Date now = date == null ? null : DateFormatter.parseHttpDate(date);
        long from = now != null ? now.getTime() : wallClockMillis.getAsLong();
        return Math.min(Math.max(0, at.getTime() - from), MAX_MILLIS);
    }
}
