package dev.tokenperf.profile;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The target server's clock as its {@code Date} header shows it, against this machine's: the offset shards record
 * so that clocks that disagree can be seen in a merge. The header has whole seconds, so the server's time lies
 * in {@code [Date, Date + 1 s)}; the offset is taken from the middle of that second, rounded to the second.
 */
final class ServerDate {
    private ServerDate() {
    }

    /**
     * The server's clock minus ours, in whole seconds, or null when {@code dateHeader} is absent or unreadable.
     *
     * @param receivedAt this machine's clock when the response arrived
     */
    static Long offsetSeconds(String dateHeader, Instant receivedAt) {
        if (dateHeader == null) {
            return null;
        }
        try {
            Instant server = ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.round((server.toEpochMilli() + 500 - receivedAt.toEpochMilli()) / 1000.0);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
