package dev.tokenperf.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.workloads.prompt.ChatMessage;

import java.io.IOException;
import java.util.List;

/**
 * OpenAI's chat completions and completions APIs: a bearer token; {@code messages} or {@code prompt},
 * {@code max_tokens} (and {@code max_completion_tokens} for chat), {@code stream_options.include_usage}; every
 * unnamed event but {@code [DONE]} is a chunk, read by {@link ChunkParser}.
 */
final class OpenAiApi implements Api {
    static final OpenAiApi CHAT = new OpenAiApi(EndpointType.CHAT);
    static final OpenAiApi COMPLETIONS = new OpenAiApi(EndpointType.COMPLETIONS);

    private final EndpointType type;

    private OpenAiApi(EndpointType type) {
        this.type = type;
    }

    @Override
    public EndpointType type() {
        return type;
    }


    @Override
    public void fillBody(ObjectNode body, List<ChatMessage> messages, List<String> texts, int maxTokens,
                         boolean streaming) {
        if (type == EndpointType.CHAT) {
            ArrayNode array = body.putArray("messages");
            for (ChatMessage message : messages) {
                array.addObject().put("role", message.role()).put("content", message.content());
            }
        } else {
            body.put("prompt", texts.get(0));
        }
        if (maxTokens >= 0) {
            body.put("max_tokens", maxTokens);
            if (type == EndpointType.CHAT) {
                body.put("max_completion_tokens", maxTokens);
            }
        }
        body.put("stream", streaming);
        if (streaming) {
            body.putObject("stream_options").put("include_usage", true);
        }
    }

    @Override
    public boolean readEvent(SseEvent event, ParsedChunk out) throws IOException {
        // a named event (e.g. the emulator's tokenperf-truth) is not a completion chunk
        if (!SseEvent.UNNAMED.equals(event.type()) || event.dataIs("[DONE]")) {
            return false;
        }
        ChunkParser.parse(event.dataUtf8(), out);
        return true;
    }

    @Override
    public void readBody(String json, ParsedChunk out) throws IOException {
        ChunkParser.parse(json, out);
    }
}
