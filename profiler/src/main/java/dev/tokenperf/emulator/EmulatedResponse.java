package dev.tokenperf.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One emulated response in its API's wire format: the events of a stream around its content chunks, or the whole
 * body. Token {@code j} is {@link ResponseWriter#word(int) word j} in every format, so text and counts agree.
 */
abstract class EmulatedResponse {
    static final byte[] NONE = new byte[0];

    final String model;
    final int promptTokens;
    final int outputTokens;
    /** The first tokens, which go out as reasoning (0 when none); no chunk mixes reasoning and answer. */
    final int reasoningTokens;

    EmulatedResponse(String model, int promptTokens, int outputTokens, int reasoningTokens) {
        this.model = model;
        this.promptTokens = promptTokens;
        this.outputTokens = outputTokens;
        this.reasoningTokens = reasoningTokens;
    }

    int outputTokens() {
        return outputTokens;
    }

    int reasoningTokens() {
        return reasoningTokens;
    }

    /** What a stream sends before its first token (chat's role chunk, a lifecycle event), or {@link #NONE}. */
    abstract byte[] startEvents();

    /**
     * Tokens {@code [from, to)} as one event, framed as one HTTP/1.1 chunk: the hot path, see
     * {@link ResponseWriter#frame}.
     */
    abstract ByteBuf contentChunk(ByteBufAllocator alloc, int from, int to);

    /** What follows the last token: the finish, and the usage when the API always sends it or it was asked for. */
    abstract byte[] endEvents(boolean includeUsage);

    /** The stream's very last event, after the truth event (OpenAI's {@code [DONE]}), or {@link #NONE}. */
    abstract byte[] doneEvent();

    /** The whole non-streamed response. */
    abstract JsonNode fullResponse();
}
