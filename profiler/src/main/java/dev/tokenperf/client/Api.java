package dev.tokenperf.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.workloads.prompt.ChatMessage;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One HTTP API tokenperf profiles ({@code --endpoint-type}), in one place: the headers its requests carry, the
 * body's API-specific fields, how a streamed event and a whole body are read into a {@link ParsedChunk}. Its
 * route is the {@link EndpointType}'s. Adding an API is one implementation, one {@link EndpointType} constant and
 * one line in {@link #of}. Implementations are stateless and shared; reading runs on the event loop.
 */
public interface Api {

    /** The implementation of {@code type}. */
    static Api of(EndpointType type) {
        return switch (type) {
            case CHAT -> OpenAiApi.CHAT;
            case COMPLETIONS -> OpenAiApi.COMPLETIONS;
            case RESPONSES -> ResponsesApi.INSTANCE;
            case MESSAGES -> MessagesApi.INSTANCE;
            case EMBEDDINGS -> EmbeddingsApi.INSTANCE;
        };
    }

    EndpointType type();

    /**
     * The headers every request of this API carries, before the user's {@code -H} ones (which win): the API key
     * in the API's way, when one is given, and any header the API requires. OpenAI's way: a bearer token.
     *
     * @param apiKey the key, trimmed and non-blank, or null
     */
    default List<Map.Entry<String, String>> headers(String apiKey) {
        return apiKey == null ? List.of() : List.of(Map.entry("Authorization", "Bearer " + apiKey));
    }

    /**
     * Adds the API's fields to a request body (the model and the user's {@code --extra-inputs} are the factory's).
     *
     * @param messages  the request's messages, for the APIs that take a conversation
     * @param texts     the request's texts, one per batch item: the prompt for completions, the inputs to embed
     * @param maxTokens output tokens to request, or a negative value for the server's default
     */
    void fillBody(ObjectNode body, List<ChatMessage> messages, List<String> texts, int maxTokens, boolean streaming);

    /**
     * Reads one streamed event into {@code out} (cleared first when read).
     *
     * @return false when the event is none of the API's data (a lifecycle event, {@code [DONE]}, another name):
     *         {@code out} is then untouched
     * @throws IOException when the event's data is not the JSON the API sends
     */
    boolean readEvent(SseEvent event, ParsedChunk out) throws IOException;

    /**
     * Reads a whole (non-streamed) response body into {@code out}.
     *
     * @throws IOException when the body is not the JSON the API sends
     */
    void readBody(String json, ParsedChunk out) throws IOException;
}
