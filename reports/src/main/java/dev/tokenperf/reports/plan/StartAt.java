package dev.tokenperf.reports.plan;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code --start-at TIME}: the wall-clock instant the measured phase starts, so shards on several machines start
 * together. TIME is an ISO-8601 instant ({@code 2026-12-01T05:00:00Z}) or {@code +S}, S seconds from now.
 */
public final class StartAt {
    /** How far in the past a start may be (clocks and the time to type a command line). */
    public static final long TOLERANCE_MILLIS = 1000;

    private StartAt() {
    }

    /**
     * The instant {@code text} names, read against {@code now}.
     *
     * @throws IllegalArgumentException naming {@code --start-at} when it is malformed or more than a second past
     */
    public static Instant parse(String text, Instant now) {
        Instant at;
        try {
            if (text.startsWith("+")) {
                double seconds = Limits.between("--start-at", Double.parseDouble(text.substring(1)), 0,
                        Limits.MAX_SECONDS, "seconds from now");
                at = now.plusNanos(Math.round(seconds * 1e9));
            } else {
                at = Instant.parse(text);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("--start-at must be an ISO-8601 instant (2026-12-01T05:00:00Z) or "
                    + "+SECONDS, got '" + text + "'");
        }
        if (at.isBefore(now.minusMillis(TOLERANCE_MILLIS))) {
            throw new IllegalArgumentException("--start-at " + text + " is in the past (now " + now + ")");
        }
        return at;
    }
}
