package dev.tokenperf.load;

import java.util.List;

/**
 * The requests a phase sends, prepared before it starts (bodies are serialised JSON, so the event loop
 * only writes bytes). Request {@code i} uses item {@code i mod size}.
 */
public final class RequestPlan {

    /**
     * One prepared request.
     *
     * @param body                  the JSON body
     * @param requestedInputTokens  the intended prompt length in tokens
     * @param requestedOutputTokens the {@code max_tokens} sent, or -1
     * @param model                 the model the body names when the run names several, else null
     */
    public record Item(byte[] body, int requestedInputTokens, int requestedOutputTokens, String model) {
        /** A request of the run's one model. */
        public Item(byte[] body, int requestedInputTokens, int requestedOutputTokens) {
            this(body, requestedInputTokens, requestedOutputTokens, null);
        }
    }

    private final List<Item> items;

    public RequestPlan(List<Item> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a request plan needs at least one request");
        }
        this.items = List.copyOf(items);
    }

    public Item item(int index) {
        return items.get(index % items.size());
    }

    public int size() {
        return items.size();
    }
}
