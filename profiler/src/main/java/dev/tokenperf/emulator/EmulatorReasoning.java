package dev.tokenperf.emulator;

/**
 * How many of a chat response's tokens the emulator sends as reasoning before the answer, and in which delta
 * field: a reasoning model's stream, with known truth. Reasoning tokens are output tokens: they count toward
 * {@code max_tokens} and {@code usage.completion_tokens}, and are reported again in
 * {@code usage.completion_tokens_details.reasoning_tokens}.
 *
 * @param tokens   reasoning tokens per response (capped at its output length), or 0 to use {@code fraction}
 * @param fraction the share of each response's output tokens that is reasoning, in [0, 1], when {@code tokens} is 0
 * @param field    the delta field carrying them: {@code reasoning_content} (vLLM, SGLang, DeepSeek) or
 *                 {@code reasoning} (newer vLLM, OpenRouter)
 */
public record EmulatorReasoning(int tokens, double fraction, String field) {
    /** No reasoning: every token is answer. */
    public static final EmulatorReasoning NONE = new EmulatorReasoning(0, 0, "reasoning_content");

    public EmulatorReasoning {
        if (tokens < 0) {
            throw new IllegalArgumentException("--reasoning-tokens (" + tokens + ") must be >= 0");
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--reasoning-fraction (" + fraction + ") must be within [0, 1]");
        }
        if (!"reasoning_content".equals(field) && !"reasoning".equals(field)) {
            throw new IllegalArgumentException("--reasoning-field (" + field
                    + ") must be reasoning_content or reasoning");
        }
    }

    /** The reasoning tokens of a response of {@code outputTokens}. */
    public int tokensOf(int outputTokens) {
        int n = tokens > 0 ? tokens : (int) Math.round(fraction * outputTokens);
        return Math.min(n, outputTokens);
    }
}
