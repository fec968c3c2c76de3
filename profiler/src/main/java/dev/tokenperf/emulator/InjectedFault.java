package dev.tokenperf.emulator;

import java.util.Arrays;

/**
 * A failure the emulator can inject instead of serving a completion. The HTTP errors carry
 * llm-d-inference-sim's names, statuses and OpenAI-style bodies; the stream faults are tokenperf's own: what a
 * server or a proxy does to a connection mid-flight.
 */
public enum InjectedFault {
    RATE_LIMIT("rate_limit", 429, "rate_limit_exceeded",
            "Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1."),
    INVALID_API_KEY("invalid_api_key", 401, "invalid_request_error", "Incorrect API key provided"),
    CONTEXT_LENGTH("context_length", 400, "invalid_request_error",
            "This model's maximum context length is 4096 tokens. However, your messages resulted in 4500 tokens."),
    SERVER_ERROR("server_error", 503, "server_error", "The server is overloaded or not ready yet."),
    INVALID_REQUEST("invalid_request", 400, "invalid_request_error",
            "Invalid request: missing required parameter 'model'."),
    MODEL_NOT_FOUND("model_not_found", 404, "invalid_request_error", "The model does not exist"),
    /** The connection is closed after the request arrived, before any response byte. */
    RESET_BEFORE_HEADERS("reset_before_headers", 0, null, null),
    /** One content chunk (or, unstreamed, the headers and half the body), then the connection is closed. */
    RESET_MID_STREAM("reset_mid_stream", 0, null, null),
    /** One content chunk, then a chunk that is not JSON (unstreamed: a body that is not JSON). */
    MALFORMED_CHUNK("malformed_chunk", 0, null, null),
    /** One content chunk, then an {@code error} object in the stream (unstreamed: in a 200 body). */
    ERROR_EVENT("error_event", 0, null, null),
    /** One content chunk (unstreamed: the headers and half the body), then nothing, the connection kept open. */
    STALL_MID_STREAM("stall_mid_stream", 0, null, null),
    /** The status line and one header, then nothing: the headers never end, the connection kept open. */
    SLOW_HEADERS("slow_headers", 0, null, null),
    /**
     * One content chunk, then an event of one line longer than the client's SSE line limit. Unstreamed there is
     * no event to make too long, so the request is served.
     */
    OVERSIZE_EVENT("oversize_event", 0, null, null),
    /** One content chunk, then a chunk whose text is not valid UTF-8 (unstreamed: such a body). */
    INVALID_UTF8("invalid_utf8", 0, null, null);

    private final String wire;
    private final int status;
    private final String errorType;
    private final String message;

    InjectedFault(String wire, int status, String errorType, String message) {
        this.wire = wire;
        this.status = status;
        this.errorType = errorType;
        this.message = message;
    }

    /** The name given to {@code --failure-types}. */
    public String wire() {
        return wire;
    }

    /** The HTTP status of an error answer, or 0 for a stream fault. */
    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }

    String message() {
        return message;
    }

    /** The fault named {@code name}; the exception lists the names. */
    public static InjectedFault parse(String name) {
        for (InjectedFault f : values()) {
            if (f.wire.equals(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown failure type '" + name + "'; one of "
                + String.join(", ", Arrays.stream(values()).map(InjectedFault::wire).toList()));
    }
}
