package dev.tokenperf.emulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One emulated response of Anthropic's Messages API: a stream of named events ({@code message_start} with the
 * input tokens, a {@code content_block_start}, one {@code content_block_delta} per chunk, {@code thinking_delta}s
 * first when the emulator reasons, then the block's stop, {@code message_delta} with the output tokens and
 * {@code message_stop}), or the whole message.
 */
final class MessagesWriter extends EmulatedResponse {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();
    private static final byte[] SUFFIX = "\"}}\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_PREFIX = delta(1, "text_delta", "text");
    private static final byte[] THINKING_PREFIX = delta(0, "thinking_delta", "thinking");

    private final String id = "msg_emu" + IDS.incrementAndGet();

    MessagesWriter(String model, int promptTokens, int outputTokens, EmulatorReasoning reasoning) {
        super(model, promptTokens, outputTokens, reasoning.tokensOf(outputTokens));
    }

    @Override
    public byte[] startEvents() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ResponseWriter.namedEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\""
                + id + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(model))
                + "\",\"stop_reason\":null,\"usage\":{\"input_tokens\":" + promptTokens + ",\"output_tokens\":1}}}"));
        if (reasoningTokens > 0) {
            out.writeBytes(blockStart(0, "thinking"));
        }
        // the text block starts up front too, so every later event is a content chunk or the end
        out.writeBytes(blockStart(1, "text"));
        return out.toByteArray();
    }

    private static byte[] blockStart(int index, String type) {
        return ResponseWriter.namedEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":"
                + index + ",\"content_block\":{\"type\":\"" + type + "\",\"" + type + "\":\"\"}}");
    }

    @Override
    public ByteBuf contentChunk(ByteBufAllocator alloc, int from, int to) {
        return ResponseWriter.frame(alloc, from < reasoningTokens ? THINKING_PREFIX : TEXT_PREFIX, from, to, SUFFIX);
    }

    private static byte[] delta(int index, String type, String field) {
        return ("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"" + type + "\",\"" + field + "\":\"").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] endEvents(boolean includeUsage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (reasoningTokens > 0) {
            out.writeBytes(blockStop(0));
        }
        out.writeBytes(blockStop(1));
        out.writeBytes(ResponseWriter.namedEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":"
                + "{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                + outputTokens + "}}"));
        out.writeBytes(ResponseWriter.namedEvent("message_stop", "{\"type\":\"message_stop\"}"));
        return out.toByteArray();
    }

    private static byte[] blockStop(int index) {
        return ResponseWriter.namedEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":"
                + index + "}");
    }

    @Override
    public byte[] doneEvent() {
        return NONE;
    }

    @Override
    public JsonNode fullResponse() {
        ObjectNode root = MAPPER.createObjectNode().put("id", id).put("type", "message").put("role", "assistant")
                .put("model", model);
        ArrayNode content = root.putArray("content");
        if (reasoningTokens > 0) {
            content.addObject().put("type", "thinking").put("thinking", ResponseWriter.words(0, reasoningTokens));
        }
        content.addObject().put("type", "text").put("text", ResponseWriter.words(reasoningTokens, outputTokens));
        root.put("stop_reason", "max_tokens").putNull("stop_sequence");
        root.putObject("usage").put("input_tokens", promptTokens).put("output_tokens", outputTokens);
        return root;
    }
}
