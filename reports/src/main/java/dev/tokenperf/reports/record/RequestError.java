package dev.tokenperf.reports.record;

import java.util.Objects;

/**
 * The reason one request failed.
 *
 * @param kind       the class of failure
 * @param httpStatus the HTTP status when there was one, else 0
 * @param message    a one-line human-readable reason (never contains request headers)
 */
public record RequestError(ErrorKind kind, int httpStatus, String message) {
    public RequestError {
        Objects.requireNonNull(kind, "kind");
        message = message == null ? "" : message.replace('\n', ' ').replace('\r', ' ');
    }

    public static RequestError of(ErrorKind kind, String message) {
        return new RequestError(kind, 0, message);
    }
}
