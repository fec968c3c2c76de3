package dev.tokenperf.client;

import dev.tokenperf.reports.plan.EndpointType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.workloads.prompt.ChatMessage;
import dev.tokenperf.workloads.prompt.RequestSpec;

import java.util.List;
import java.util.Map;

/**
 * Builds OpenAI-compatible request bodies for {@code /v1/chat/completions} and {@code /v1/completions}:
 * the prompt, {@code max_tokens} (and {@code max_completion_tokens} for chat), streaming with
 * {@code stream_options.include_usage}, and the user's {@code --extra-inputs} merged last so they win.
 * Runs before the load starts, except for the later turns of a multi-turn session: those carry the answers the
 * server gave to the earlier turns, so they are built on the event loop when the previous answer has ended.
 */
public final class RequestBodyFactory {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EndpointType endpoint;
    private final String model;
    private final boolean streaming;
    private final Map<String, Object> extraInputs;

    public RequestBodyFactory(EndpointType endpoint, String model, boolean streaming,
                              Map<String, Object> extraInputs) {
        this.endpoint = endpoint;
        this.model = model;
        this.streaming = streaming;
        this.extraInputs = Map.copyOf(extraInputs);
    }

    /**
     * @param prompt    the user message (chat) or prompt text (completions)
     * @param maxTokens output tokens to request, or a negative value to leave the server's default
     */
    public byte[] body(String prompt, int maxTokens) {
        return body(List.of(ChatMessage.user(prompt)), prompt, maxTokens);
    }

    /** The body for a prepared request: its messages (chat) or their joined text (completions), its OSL. */
    public byte[] body(RequestSpec spec) {
        return body(spec.messages(), spec.promptText(), spec.outputTokens());
    }

    /** A chat body of {@code chatMessages} in order (a session's history and its new user turn). */
    public byte[] body(List<ChatMessage> chatMessages, int maxTokens) {
        return body(chatMessages, null, maxTokens);
    }

    private byte[] body(List<ChatMessage> chatMessages, String prompt, int maxTokens) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model);
        if (endpoint == EndpointType.CHAT) {
            ArrayNode messages = body.putArray("messages");
            for (ChatMessage message : chatMessages) {
                messages.addObject().put("role", message.role()).put("content", message.content());
            }
        } else {
            body.put("prompt", prompt);
        }
        if (maxTokens >= 0) {
            body.put("max_tokens", maxTokens);
            if (endpoint == EndpointType.CHAT) {
                body.put("max_completion_tokens", maxTokens);
            }
        }
        body.put("stream", streaming);
        if (streaming) {
            body.putObject("stream_options").put("include_usage", true);
        }
        extraInputs.forEach((key, value) -> body.set(key, MAPPER.valueToTree(value)));
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a request body", e);
        }
    }
}
