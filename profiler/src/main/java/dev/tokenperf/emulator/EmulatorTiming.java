package dev.tokenperf.emulator;

import java.util.Objects;

/**
 * The emulator's ground truth: when each token of a response is due, measured from the moment the request
 * was fully received. Token {@code j} (from 0) is due at {@code ttft + j * itl}, where
 * {@code ttft = ttftNanos + prefillNanosPerToken * promptTokens}; a chunk carrying several tokens is sent
 * when its last token is due.
 *
 * @param ttftNanos            fixed part of the time to first token
 * @param prefillNanosPerToken extra time to first token per prompt token
 * @param itlNanos             gap between consecutive tokens
 * @param tokensPerChunk       tokens carried by each streamed chunk
 * @param defaultMaxTokens     output length when the request sets no max_tokens
 * @param modelName            the model id served
 * @param reasoning            how many of a chat response's tokens are reasoning, sent first (tokens are due on the
 *                             same schedule whatever field carries them)
 */
public record EmulatorTiming(long ttftNanos, long prefillNanosPerToken, long itlNanos, int tokensPerChunk,
                             int defaultMaxTokens, String modelName, EmulatorReasoning reasoning) {

    /** Timing of a model without reasoning. */
    public EmulatorTiming(long ttftNanos, long prefillNanosPerToken, long itlNanos, int tokensPerChunk,
                          int defaultMaxTokens, String modelName) {
        this(ttftNanos, prefillNanosPerToken, itlNanos, tokensPerChunk, defaultMaxTokens, modelName,
                EmulatorReasoning.NONE);
    }

    public EmulatorTiming {
        Objects.requireNonNull(reasoning, "reasoning");
        if (ttftNanos < 0 || prefillNanosPerToken < 0 || itlNanos < 0) {
            throw new IllegalArgumentException("emulator times must be >= 0");
        }
        if (tokensPerChunk < 1) {
            throw new IllegalArgumentException("tokens per chunk (" + tokensPerChunk + ") must be > 0");
        }
        if (defaultMaxTokens < 1) {
            throw new IllegalArgumentException("default max tokens (" + defaultMaxTokens + ") must be > 0");
        }
    }

    /** Time to first token for a prompt of {@code promptTokens}. */
    public long ttftNanos(int promptTokens) {
        return ttftNanos + prefillNanosPerToken * promptTokens;
    }

    /** When token {@code j} (from 0) is due, from the request's arrival. */
    public long tokenDueNanos(int promptTokens, int j) {
        return ttftNanos(promptTokens) + j * itlNanos;
    }
}
