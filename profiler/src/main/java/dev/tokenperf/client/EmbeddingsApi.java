package dev.tokenperf.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.workloads.prompt.ChatMessage;

import java.io.IOException;
import java.util.List;

/**
 * OpenAI's embeddings API ({@code POST /v1/embeddings}): a bearer token; {@code input} is the text, or the
 * batch's texts as an array ({@code --batch-size}). Nothing is generated and nothing streams: a response is one
 * body whose {@code data} holds the embeddings and whose {@code usage.prompt_tokens} counts the input.
 */
final class EmbeddingsApi implements Api {
    static final EmbeddingsApi INSTANCE = new EmbeddingsApi();

    private EmbeddingsApi() {
    }

    @Override
    public EndpointType type() {
        return EndpointType.EMBEDDINGS;
    }


    @Override
    public void fillBody(ObjectNode body, List<ChatMessage> messages, List<String> texts, int maxTokens,
                         boolean streaming) {
        if (texts.size() == 1) {
            body.put("input", texts.get(0));
        } else {
            ArrayNode input = body.putArray("input");
            texts.forEach(input::add);
        }
        body.put("encoding_format", "float");
    }

    /** Never called with data: the API does not stream (the plan refuses {@code --streaming}). */
    @Override
    public boolean readEvent(SseEvent event, ParsedChunk out) {
        return false;
    }

    @Override
    public void readBody(String json, ParsedChunk out) throws IOException {
        out.clear();
        boolean data = false;
        try (JsonParser p = ApiJson.object(json)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                    ApiJson.usage(p, out, "prompt_tokens", ""); // it generates nothing to count
                } else if ("error".equals(field)) {
                    out.errorMessage = ApiJson.error(p, value);
                } else {
                    data |= "data".equals(field) && value == JsonToken.START_ARRAY;
                    p.skipChildren();
                }
            }
            ApiJson.end(p);
        }
        if (!data && out.errorMessage == null) {
            throw new IOException("no \"data\" array of embeddings");
        }
    }
}
