package dev.tokenperf.reports.record;

import dev.tokenperf.reports.json.JsonMessages;

import java.util.Objects;

/**
 * The reason one request failed.
 *
 * @param kind             the class of failure
 * @param httpStatus       the HTTP status when there was one, else 0
 * @param message          a one-line human-readable reason (never contains request headers)
 * @param retryAfterMillis how long the server asked the client to back off ({@code Retry-After}), or -1 when it
 *                         did not say
 */
public record RequestError(ErrorKind kind, int httpStatus, String message, long retryAfterMillis) {
    public RequestError {
        Objects.requireNonNull(kind, "kind");
        message = message == null ? ""
                : JsonMessages.withoutRedactedSource(message).replace('\n', ' ').replace('\r', ' ');
        retryAfterMillis = Math.max(-1, retryAfterMillis);
    }

    /** An error without a {@code Retry-After}. */
    public RequestError(ErrorKind kind, int httpStatus, String message) {
        this(kind, httpStatus, message, -1);
    }

    public static RequestError of(ErrorKind kind, String message) {
        return new RequestError(kind, 0, message);
    }
}
