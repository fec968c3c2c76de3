package dev.tokenperf.emulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Formats one emulated completion in OpenAI's wire format: SSE chunks (chat deltas or completion texts),
 * the finish and usage chunks, and the whole non-streamed response. Token {@code j} is a fixed common word,
 * so text and token counts agree for any tokenizer that keeps such words whole.
 */
final class ResponseWriter extends EmulatedResponse {
    private static final String[] WORDS = {" the", " of", " and", " to", " in", " is", " that", " for", " it",
            " as", " with", " was", " on", " be", " at", " by", " this", " from", " or", " which"};
    /** The words as bytes: plain ASCII, so they need no JSON escaping. */
    private static final byte[][] WORD_BYTES = new byte[WORDS.length][];
    /** What follows a content chunk's text. */
    private static final byte[] CONTENT_SUFFIX = "\"},\"finish_reason\":null}]}\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_SUFFIX = "\",\"finish_reason\":null}]}\n\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int CRLF = ('\r' << 8) | '\n';

    static {
        for (int i = 0; i < WORDS.length; i++) {
            WORD_BYTES[i] = WORDS[i].getBytes(StandardCharsets.US_ASCII);
        }
    }
    /** SSE event type of the truth event. */
    static final String TRUTH_EVENT = "tokenperf-truth";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();

    private final boolean chat;
    private final String id;
    private final String modelJson;
    private final long created;
    /** Prompt tokens served from the prefix cache, or -1 when the emulator has none (then not reported). */
    private final int cachedTokens;
    /** The reasoning tokens go out in this delta field, the rest as content. */
    private final String reasoningField;
    /** Everything of a content chunk before its text, built once per response rather than once per chunk. */
    private byte[] contentPrefix;
    private byte[] reasoningPrefix;

    ResponseWriter(boolean chat, String model, int promptTokens, int outputTokens) {
        this(chat, model, promptTokens, -1, outputTokens);
    }

    /** @param cachedTokens prompt tokens served from the prefix cache, or -1 to leave them out of the usage */
    ResponseWriter(boolean chat, String model, int promptTokens, int cachedTokens, int outputTokens) {
        this(chat, model, promptTokens, cachedTokens, outputTokens, EmulatorReasoning.NONE);
    }

    /**
     * A writer whose chat response starts with reasoning (completions never carry any).
     *
     * @param cachedTokens prompt tokens served from the prefix cache, or -1 to leave them out of the usage
     */
    ResponseWriter(boolean chat, String model, int promptTokens, int cachedTokens, int outputTokens,
                   EmulatorReasoning reasoning) {
        super(model, promptTokens, outputTokens, chat ? reasoning.tokensOf(outputTokens) : 0);
        this.chat = chat;
        this.id = (chat ? "chatcmpl-emu-" : "cmpl-emu-") + IDS.incrementAndGet();
        this.modelJson = new String(JsonStringEncoder.getInstance().quoteAsString(model));
        this.created = System.currentTimeMillis() / 1000;
        this.cachedTokens = cachedTokens;
        this.reasoningField = reasoning.field();
    }

    @Override
    public byte[] startEvents() {
        return chat ? roleEvent() : NONE;
    }

    @Override
    public byte[] endEvents(boolean includeUsage) {
        byte[] finish = finishEvent();
        if (!includeUsage) {
            return finish;
        }
        byte[] usage = usageEvent();
        byte[] both = java.util.Arrays.copyOf(finish, finish.length + usage.length);
        System.arraycopy(usage, 0, both, finish.length, usage.length);
        return both;
    }

    @Override
    public byte[] doneEvent() {
        return "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    }

    static String word(int j) {
        return WORDS[j % WORDS.length];
    }

    /** Words {@code [from, to)} as one text. */
    static String words(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int j = from; j < to; j++) {
            text.append(word(j));
        }
        return text.toString();
    }

    /** One SSE event named {@code name} (the Responses and Messages APIs name every event). */
    static byte[] namedEvent(String name, String json) {
        return ("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The role-only first chunk that chat servers send before any content (not a token). */
    byte[] roleEvent() {
        return event("{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":\"" + modelJson + "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"finish_reason\":null}]}");
    }

    /**
     * A content chunk carrying tokens {@code [from, to)}, which must lie all in the reasoning or all in the answer
     * (reasoning chunks carry the delta's reasoning field instead of {@code content}), framed by {@link #frame}.
     */
    @Override
    public ByteBuf contentChunk(ByteBufAllocator alloc, int from, int to) {
        if (contentPrefix == null) {
            contentPrefix = ("data: " + chunkPrefix() + (chat ? "\"delta\":{\"content\":\"" : "\"text\":\""))
                    .getBytes(StandardCharsets.UTF_8);
            reasoningPrefix = ("data: " + chunkPrefix() + "\"delta\":{\"" + reasoningField + "\":\"")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return frame(alloc, from < reasoningTokens ? reasoningPrefix : contentPrefix, from, to,
                chat ? CONTENT_SUFFIX : TEXT_SUFFIX);
    }

    /**
     * {@code prefix}, words {@code [from, to)} and {@code suffix} framed as one HTTP/1.1 chunk
     * ({@code <hex length>\r\n<event>\r\n}), written straight into a buffer from {@code alloc}: the hot path of
     * the emulator, so no string building per chunk, and one buffer where the HTTP encoder would make three
     * (length line, content, CRLF). The words are plain ASCII and need no JSON escaping.
     */
    static ByteBuf frame(ByteBufAllocator alloc, byte[] prefix, int from, int to, byte[] suffix) {
        int length = prefix.length + suffix.length;
        for (int j = from; j < to; j++) {
            length += WORD_BYTES[j % WORDS.length].length;
        }
        int hexDigits = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 3) / 4;
        ByteBuf buf = alloc.buffer(hexDigits + 2 + length + 2);
        for (int shift = (hexDigits - 1) * 4; shift >= 0; shift -= 4) {
            buf.writeByte(HEX[(length >>> shift) & 0xF]);
        }
        buf.writeShort(CRLF);
        buf.writeBytes(prefix);
        for (int j = from; j < to; j++) {
            buf.writeBytes(WORD_BYTES[j % WORDS.length]);
        }
        return buf.writeBytes(suffix).writeShort(CRLF);
    }

    /** The chunk that closes the choice, with no content. */
    byte[] finishEvent() {
        return event(chunkPrefix() + (chat ? "\"delta\":{}" : "\"text\":\"\"") + ",\"finish_reason\":\"length\"}]}");
    }

    /** The usage-only chunk sent when {@code stream_options.include_usage} was asked for. */
    byte[] usageEvent() {
        return event("{\"id\":\"" + id + "\",\"object\":\"" + objectType() + "\",\"created\":" + created
                + ",\"model\":\"" + modelJson + "\",\"choices\":[],\"usage\":" + usageJson() + "}");
    }

    /** The emulator's own stage times, as a named event that token counting must skip. */
    static byte[] truthEvent(String json) {
        return ("event: " + TRUTH_EVENT + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public JsonNode fullResponse() {
        String reasoning = words(0, reasoningTokens);
        String text = words(reasoningTokens, outputTokens);
        ObjectNode root = MAPPER.createObjectNode().put("id", id)
                .put("object", chat ? "chat.completion" : "text_completion").put("created", created);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        if (chat) {
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (reasoningTokens > 0) {
                message.put(reasoningField, reasoning);
            }
            message.put("content", text);
        } else {
            choice.put("text", text);
        }
        choice.put("finish_reason", "length");
        ObjectNode usage = root.putObject("usage").put("prompt_tokens", promptTokens)
                .put("completion_tokens", outputTokens).put("total_tokens", promptTokens + outputTokens);
        if (cachedTokens >= 0) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
        }
        if (reasoningTokens > 0) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens);
        }
        return root;
    }

    private String chunkPrefix() {
        return "{\"id\":\"" + id + "\",\"object\":\"" + objectType() + "\",\"created\":" + created
                + ",\"model\":\"" + modelJson + "\",\"choices\":[{\"index\":0,";
    }

    private String objectType() {
        return chat ? "chat.completion.chunk" : "text_completion";
    }

    private String usageJson() {
        return "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + outputTokens
                + ",\"total_tokens\":" + (promptTokens + outputTokens)
                + (cachedTokens >= 0 ? ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}" : "")
                + (reasoningTokens == 0 ? ""
                        : ",\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoningTokens + "}")
                + "}";
    }

    private static byte[] event(String json) {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
