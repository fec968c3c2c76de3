package dev.tokenperf.reports.plan;

/** The API a run targets, by aiperf's {@code --endpoint-type} names. */
public enum EndpointType {
    CHAT("chat", "/v1/chat/completions", true),
    COMPLETIONS("completions", "/v1/completions", true),
    /** OpenAI's Responses API. */
    RESPONSES("responses", "/v1/responses", true),
    /** Anthropic's Messages API, also served by vLLM and SGLang. */
    MESSAGES("messages", "/v1/messages", true),
    /** Embeddings: one whole response per request, nothing generated, so nothing to stream. */
    EMBEDDINGS("embeddings", "/v1/embeddings", false);

    private final String option;
    private final String route;
    private final boolean generates;

    EndpointType(String option, String route, boolean generates) {
        this.option = option;
        this.route = route;
        this.generates = generates;
    }

    /** The value of {@code --endpoint-type}. */
    public String option() {
        return option;
    }

    public String route() {
        return route;
    }

    /** True when the API generates tokens (and can stream them); false for embeddings. */
    public boolean generates() {
        return generates;
    }

    /** The type whose {@link #option()} is {@code option}. */
    public static EndpointType ofOption(String option) {
        for (EndpointType type : values()) {
            if (type.option.equals(option)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown endpoint type '" + option + "'");
    }

    @Override
    public String toString() {
        return option;
    }
}
