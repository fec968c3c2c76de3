package dev.tokenperf.workloads.prompt;

/**
 * One user turn of a multi-turn session, prepared before the run. The request that carries it also carries
 * every earlier turn and the server's answers to them; those answers are only known during the run.
 *
 * @param text         the new user message
 * @param inputTokens  the new message's token count under the run's tokenizer (the requested ISL for synthetic
 *                     sessions, which are built to it exactly); the history before it is not counted
 * @param outputTokens the output length to request ({@code max_tokens}), or -1 for the run's {@code --osl}
 * @param delayMillis  the user's think time before sending this turn, from the end of the previous answer
 *                     (already scaled by {@code --conversation-turn-delay-ratio}); the first turn's is not used,
 *                     since the load decides when a session starts
 * @param atMillis     a replayed trace's time for this turn after its session's first turn, in milliseconds (already
 *                     divided by {@code --fixed-schedule-speedup}), or NaN to go by {@code delayMillis} alone; the
 *                     turn still waits for the previous answer
 */
public record ConversationTurn(String text, int inputTokens, int outputTokens, double delayMillis, double atMillis) {
    /** A turn that goes {@code delayMillis} after the previous answer. */
    public ConversationTurn(String text, int inputTokens, int outputTokens, double delayMillis) {
        this(text, inputTokens, outputTokens, delayMillis, Double.NaN);
    }

    public ConversationTurn {
        if (text == null) {
            throw new IllegalArgumentException("a turn needs a text");
        }
        if (!(delayMillis >= 0)) {
            throw new IllegalArgumentException("a turn's delay must be >= 0 ms, got " + delayMillis);
        }
        if (atMillis < 0) {
            throw new IllegalArgumentException("a turn's time after its session's start must be >= 0 ms, got "
                    + atMillis);
        }
    }

    /** This turn asking for {@code osl} output tokens when it names none of its own. */
    public ConversationTurn withDefaultOutput(int osl) {
        return outputTokens >= 0 ? this : new ConversationTurn(text, inputTokens, osl, delayMillis, atMillis);
    }
}
