package dev.tokenperf.reports.plan;

/** The OpenAI-compatible API a run targets. */
public enum EndpointType {
    CHAT("chat", "/v1/chat/completions"),
    COMPLETIONS("completions", "/v1/completions");

    private final String option;
    private final String route;

    EndpointType(String option, String route) {
        this.option = option;
        this.route = route;
    }

    /** The value of {@code --endpoint-type}. */
    public String option() {
        return option;
    }

    public String route() {
        return route;
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
