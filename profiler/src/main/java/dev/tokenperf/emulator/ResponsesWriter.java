package dev.tokenperf.emulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One emulated response of OpenAI's Responses API: a stream of named events ({@code response.created}, one
 * {@code response.output_text.delta} per chunk, preceded by {@code response.reasoning_text.delta}s when the
 * emulator reasons, then {@code response.completed} with the usage), or the whole response object.
 */
final class ResponsesWriter extends EmulatedResponse {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();
    private static final byte[] SUFFIX = "\"}\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String id = "resp_emu" + IDS.incrementAndGet();
    private byte[] textPrefix;
    private byte[] reasoningPrefix;

    ResponsesWriter(String model, int promptTokens, int outputTokens, EmulatorReasoning reasoning) {
        super(model, promptTokens, outputTokens, reasoning.tokensOf(outputTokens));
    }

    @Override
    public byte[] startEvents() {
        return ResponseWriter.namedEvent("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\""
                + id + "\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"" + quoted(model)
                + "\",\"output\":[]}}");
    }

    @Override
    public ByteBuf contentChunk(ByteBufAllocator alloc, int from, int to) {
        if (textPrefix == null) {
            textPrefix = prefix("response.output_text.delta", "msg_" + id);
            reasoningPrefix = prefix("response.reasoning_text.delta", "rs_" + id);
        }
        return ResponseWriter.frame(alloc, from < reasoningTokens ? reasoningPrefix : textPrefix, from, to, SUFFIX);
    }

    private static byte[] prefix(String type, String itemId) {
        return ("event: " + type + "\ndata: {\"type\":\"" + type + "\",\"item_id\":\"" + itemId
                + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] endEvents(boolean includeUsage) {
        ObjectNode event = MAPPER.createObjectNode().put("type", "response.completed");
        event.set("response", response("completed"));
        return ResponseWriter.namedEvent("response.completed", event.toString());
    }

    @Override
    public byte[] doneEvent() {
        return NONE;
    }

    @Override
    public JsonNode fullResponse() {
        return response("completed");
    }

    private ObjectNode response(String status) {
        ObjectNode root = MAPPER.createObjectNode().put("id", id).put("object", "response").put("status", status)
                .put("model", model);
        root.putNull("error");
        ArrayNode output = root.putArray("output");
        if (reasoningTokens > 0) {
            output.addObject().put("type", "reasoning").put("id", "rs_" + id).putArray("content").addObject()
                    .put("type", "reasoning_text").put("text", ResponseWriter.words(0, reasoningTokens));
        }
        output.addObject().put("type", "message").put("id", "msg_" + id).put("role", "assistant")
                .putArray("content").addObject().put("type", "output_text")
                .put("text", ResponseWriter.words(reasoningTokens, outputTokens));
        ObjectNode usage = root.putObject("usage").put("input_tokens", promptTokens)
                .put("output_tokens", outputTokens).put("total_tokens", promptTokens + outputTokens);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoningTokens);
        return root;
    }

    private static String quoted(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
