package dev.tokenperf.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The APIs the emulator serves, by route, and where each request names its prompt and its output length. The
 * emulator writes its own bytes for each ({@link EmulatedResponse}); it shares nothing with the client's reading
 * of them, so a test of one against the other checks both.
 */
enum WireFormat {
    CHAT("/v1/chat/completions"),
    COMPLETIONS("/v1/completions"),
    RESPONSES("/v1/responses"),
    MESSAGES("/v1/messages"),
    EMBEDDINGS("/v1/embeddings");

    private final String route;

    WireFormat(String route) {
        this.route = route;
    }

    String route() {
        return route;
    }

    /** The format served at {@code path}, or null. */
    static WireFormat at(String path) {
        for (WireFormat format : values()) {
            if (format.route.equals(path)) {
                return format;
            }
        }
        return null;
    }

    /**
     * Tokens to generate: the request's output limit under the API's name, else {@code fallback}. An embedding
     * "generates" one: its response is due when the first token would be, after the prefill.
     */
    int outputTokens(JsonNode body, int fallback) {
        return switch (this) {
            case CHAT -> body.path("max_completion_tokens").asInt(body.path("max_tokens").asInt(fallback));
            case COMPLETIONS, MESSAGES -> body.path("max_tokens").asInt(fallback);
            case RESPONSES -> body.path("max_output_tokens").asInt(fallback);
            case EMBEDDINGS -> 1;
        };
    }

    /** Whether the API can stream (embeddings answer one whole body). */
    boolean streams() {
        return this != EMBEDDINGS;
    }
}
