package dev.tokenperf.reports.record;

/**
 * Why a request did not complete. Every such request carries exactly one kind, so they can be counted by kind;
 * all but {@link #RESENT} (an attempt sent again) and {@link #REQUEST_CANCELLED} (given up on purpose) are
 * failures.
 */
public enum ErrorKind {
    /** The server answered with a non-2xx HTTP status. */
    HTTP_STATUS("http_status"),
    /** The connection could not be opened (refused, unreachable host, TLS handshake failed). */
    CONNECT_FAILED("connect_failed"),
    /** The connection was reset or closed by the peer before the response ended. */
    CONNECTION_RESET("connection_reset"),
    /** No complete response within --request-timeout. */
    TIMEOUT("timeout"),
    /** The response body could not be understood (bad SSE, bad JSON, missing fields). */
    MALFORMED_RESPONSE("malformed_response"),
    /** The server sent an error object inside a 200 response or stream. */
    SERVER_ERROR("server_error"),
    /** The run was interrupted (Ctrl-C) while the request was in flight. */
    CANCELLED("cancelled"),
    /**
     * Still in flight when the grace period ended or the failure threshold aborted the run: the server did not
     * answer it in time.
     */
    CUT("cut"),
    /** A streaming request answered with a whole (non-SSE) body: no chunk times, so no TTFT or ITL. */
    NOT_STREAMED("not_streamed"),
    /**
     * An attempt the server never processed (it failed before any response byte, right after the write), sent
     * again on a fresh connection. Not a failed request: the request's outcome is its next attempt's record.
     */
    RESENT("resent"),
    /**
     * The client gave up on the request on purpose ({@code --request-cancellation-rate}): not a failure of the
     * server, so counted apart from errors.
     */
    REQUEST_CANCELLED("request_cancelled");

    private final String tag;

    ErrorKind(String tag) {
        this.tag = tag;
    }

    /** The stable snake_case name used in exports. */
    public String tag() {
        return tag;
    }
}
