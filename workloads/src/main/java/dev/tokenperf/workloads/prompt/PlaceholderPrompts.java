package dev.tokenperf.workloads.prompt;

/**
 * Placeholder prompts of about a requested number of tokens: a unique first word (so that no two requests
 * share a prefix a server could cache) followed by common English words, each one token in mainstream
 * tokenizers and one word to the emulator. Deterministic: the same index and length give the same text.
 */
public final class PlaceholderPrompts {
    private static final String[] WORDS = {"time", "people", "water", "story", "city", "light", "music", "river",
            "market", "garden", "window", "letter", "winter", "morning", "number", "family", "question", "school",
            "history", "answer", "paper", "friend", "island", "road", "machine", "animal", "mountain", "language"};

    private PlaceholderPrompts() {
    }

    /**
     * @param index  the request's index, which makes the prompt's first word unique
     * @param tokens the intended length in tokens, at least 1
     */
    public static String prompt(int index, int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("prompt length (" + tokens + ") must be > 0");
        }
        StringBuilder text = new StringBuilder(tokens * 7);
        text.append('r').append(index);
        for (int i = 1; i < tokens; i++) {
            text.append(' ').append(WORDS[(i * 7 + index) % WORDS.length]);
        }
        return text.toString();
    }
}
