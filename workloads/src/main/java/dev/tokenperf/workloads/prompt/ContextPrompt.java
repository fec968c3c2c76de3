package dev.tokenperf.workloads.prompt;

import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.util.Arrays;

/**
 * One long document placed before a question, for long-context and prefix-cache studies: the document is cut
 * to at most {@code maxContextTokens - }{@value #SAFETY_MARGIN_TOKENS} tokens (the margin leaves room for the
 * question, the chat template and the answer), then followed by a blank line and the question.
 */
public final class ContextPrompt {
    /** Tokens kept free below the model's context length. */
    public static final int SAFETY_MARGIN_TOKENS = 2048;
    /** The usual length of an English token in characters, used when no tokenizer is at hand. */
    public static final int CHARS_PER_TOKEN_ESTIMATE = 4;

    private ContextPrompt() {
    }

    /**
     * @throws IllegalArgumentException when the context length leaves no room for a document, or the question
     *                                  with the document does not fit it
     */
    public static String build(Tokenizer tokenizer, String document, String question, int maxContextTokens) {
        int budget = budget(maxContextTokens);
        String kept = truncate(tokenizer, document.strip(), budget);
        String prompt = question.isEmpty() ? kept : kept + "\n\n" + question;
        int tokens = tokenizer.count(prompt);
        if (tokens > maxContextTokens) {
            throw new IllegalArgumentException("--prompt with the context document is " + tokens
                    + " tokens, more than --max-ctx-tokens " + maxContextTokens);
        }
        return prompt;
    }

    /**
     * As {@link #build}, without a tokenizer: the document is cut to {@value #CHARS_PER_TOKEN_ESTIMATE}
     * characters per token of the budget, an estimate that can be off by a third on unusual text.
     *
     * @throws IllegalArgumentException when the context length leaves no room for a document
     */
    public static String buildByCharacters(String document, String question, int maxContextTokens) {
        int budget = budget(maxContextTokens);
        String text = document.strip();
        long maxChars = (long) budget * CHARS_PER_TOKEN_ESTIMATE - question.length();
        String kept = text.length() <= maxChars ? text : text.substring(0, (int) Math.max(0, maxChars));
        return question.isEmpty() ? kept : kept + "\n\n" + question;
    }

    private static int budget(int maxContextTokens) {
        int budget = maxContextTokens - SAFETY_MARGIN_TOKENS;
        if (budget < 1) {
            throw new IllegalArgumentException("--max-ctx-tokens (" + maxContextTokens + ") must exceed the "
                    + SAFETY_MARGIN_TOKENS + "-token safety margin");
        }
        return budget;
    }

    /** The longest start of {@code text} that re-encodes to at most {@code maxTokens} tokens. */
    static String truncate(Tokenizer tokenizer, String text, int maxTokens) {
        int[] ids = tokenizer.encode(text);
        if (ids.length <= maxTokens) {
            return text;
        }
        int keep = maxTokens;
        String kept = tokenizer.decode(Arrays.copyOf(ids, keep));
        while (keep > 1 && tokenizer.count(kept) > maxTokens) {
            keep--;
            kept = tokenizer.decode(Arrays.copyOf(ids, keep));
        }
        return kept;
    }
}
