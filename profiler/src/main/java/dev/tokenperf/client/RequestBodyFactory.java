package dev.tokenperf.client;

import dev.tokenperf.reports.plan.EndpointType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.workloads.prompt.ChatMessage;
import dev.tokenperf.workloads.prompt.RequestSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds request bodies: the model, the {@link Api}'s fields (the prompt, the output length, streaming), and
 * the user's {@code --extra-inputs} merged last so they win. Runs before the load starts: the later turns of a
 * multi-turn session, which carry the answers the server gave, are appended as bytes to templates written here
 * ({@link HistoryBodies}).
 */
public final class RequestBodyFactory {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Api api;
    private final String model;
    private final boolean streaming;
    private final Map<String, Object> extraInputs;

    public RequestBodyFactory(EndpointType endpoint, String model, boolean streaming,
                              Map<String, Object> extraInputs) {
        this.api = Api.of(endpoint);
        this.model = model;
        this.streaming = streaming;
        this.extraInputs = Map.copyOf(extraInputs);
    }

    /** A factory of the same bodies naming {@code otherModel} ({@code -m} with several models). */
    public RequestBodyFactory withModel(String otherModel) {
        return new RequestBodyFactory(api, otherModel, streaming, extraInputs);
    }

    private RequestBodyFactory(Api api, String model, boolean streaming, Map<String, Object> extraInputs) {
        this.api = api;
        this.model = model;
        this.streaming = streaming;
        this.extraInputs = extraInputs;
    }

    /**
     * @param prompt    the user message (chat) or prompt text (completions)
     * @param maxTokens output tokens to request, or a negative value to leave the server's default
     */
    public byte[] body(String prompt, int maxTokens) {
        return body(List.of(ChatMessage.user(prompt)), List.of(prompt), maxTokens);
    }

    /** The body for a prepared request: its messages (chat) or their joined text (completions), its OSL. */
    public byte[] body(RequestSpec spec) {
        return body(spec.messages(), List.of(spec.promptText()), spec.outputTokens());
    }

    /** A chat body of {@code chatMessages} in order (the templates of {@link HistoryBodies}). */
    public byte[] body(List<ChatMessage> chatMessages, int maxTokens) {
        return body(chatMessages, List.of(), maxTokens);
    }

    /** The body of an embeddings batch: each request's text one input, in order. */
    public byte[] body(List<RequestSpec> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        batch.forEach(spec -> texts.add(spec.promptText()));
        return body(batch.get(0).messages(), texts, batch.get(0).outputTokens());
    }

    private byte[] body(List<ChatMessage> messages, List<String> texts, int maxTokens) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model);
        api.fillBody(body, messages, texts, maxTokens, streaming);
        extraInputs.forEach((key, value) -> body.set(key, MAPPER.valueToTree(value)));
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a request body", e);
        }
    }
}
