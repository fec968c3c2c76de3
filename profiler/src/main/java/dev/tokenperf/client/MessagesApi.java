package dev.tokenperf.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.workloads.prompt.ChatMessage;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, also served by vLLM and SGLang): the key in
 * {@code x-api-key} (never {@code Authorization}) and {@code anthropic-version}; {@code messages} with system
 * ones as {@code system}, {@code max_tokens}. A stream is named events: text in {@code content_block_delta}'s
 * {@code text_delta}, reasoning in its {@code thinking_delta}, input tokens in {@code message_start}'s usage,
 * output tokens in {@code message_delta}'s. The other events ({@code ping}, block starts and stops) are skipped
 * by name, unparsed.
 */
final class MessagesApi extends NamedEventApi {
    static final MessagesApi INSTANCE = new MessagesApi();

    /** The API version tokenperf speaks; a user's {@code -H anthropic-version:...} replaces it. */
    static final String VERSION = "2023-06-01";

    private static final String BLOCK_DELTA = "content_block_delta";
    private static final String MESSAGE_START = "message_start";
    private static final String MESSAGE_DELTA = "message_delta";

    private MessagesApi() {
    }

    @Override
    public EndpointType type() {
        return EndpointType.MESSAGES;
    }

    @Override
    public List<Map.Entry<String, String>> headers(String apiKey) {
        Map.Entry<String, String> version = Map.entry("anthropic-version", VERSION);
        return apiKey == null ? List.of(version) : List.of(Map.entry("x-api-key", apiKey), version);
    }

    @Override
    public void fillBody(ObjectNode body, List<ChatMessage> messages, List<String> texts, int maxTokens,
                         boolean streaming) {
        String system = addTurns(body.putArray("messages"), messages);
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        if (maxTokens >= 0) {
            body.put("max_tokens", maxTokens); // the API requires it: without --osl the server says so
        }
        body.put("stream", streaming);
    }

    @Override
    boolean readField(String field, JsonToken value, JsonParser p, ParsedChunk out) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return false;
        }
        switch (field) {
            case "delta" -> readDelta(p, out); // content_block_delta's text or thinking
            case "message" -> readMessage(p, out); // message_start: the input tokens
            case "usage" -> ApiJson.messagesUsage(p, out); // message_delta: the output's
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    void finish(String type, ParsedChunk out) {
        if (MESSAGE_START.equals(type)) {
            // its output_tokens is a running count at the start; message_delta's is the total
            out.completionTokens = -1;
        }
    }

    @Override
    boolean carriesData(String type) {
        return BLOCK_DELTA.equals(type) || MESSAGE_START.equals(type) || MESSAGE_DELTA.equals(type);
    }

    @Override
    public void readBody(String json, ParsedChunk out) throws IOException {
        out.clear();
        try (JsonParser p = ApiJson.object(json)) {
            readMessage(p, out);
            ApiJson.end(p);
        }
    }

    /** A message object (the parser inside it): its content blocks' texts, usage and error. */
    private static void readMessage(JsonParser p, ParsedChunk out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("content".equals(field) && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    readDelta(p, out);
                }
            } else if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                ApiJson.messagesUsage(p, out);
            } else if ("error".equals(field)) {
                out.errorMessage = ApiJson.error(p, value);
            } else {
                p.skipChildren();
            }
        }
    }

    /**
     * A content block or a block's delta (the parser inside it): {@code text} is answer, {@code thinking}
     * reasoning, whatever the order of its fields.
     */
    private static void readDelta(JsonParser p, ParsedChunk out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("text".equals(field) && value == JsonToken.VALUE_STRING) {
                out.append(p.getText(), true);
            } else if ("thinking".equals(field) && value == JsonToken.VALUE_STRING) {
                out.append(p.getText(), false);
            } else {
                p.skipChildren();
            }
        }
    }
}
