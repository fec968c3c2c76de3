package dev.tokenperf.workloads.prompt;

import java.util.List;

/**
 * Prompts for trace entries that carry {@code hash_ids} (mooncake-style): block {@code k} of the prompt is
 * {@value #BLOCK_TOKENS} words determined only by {@code hash_ids[k]}, so two requests that share leading hash
 * ids share that prefix (and a server's prefix cache can hit, as it did in production). The prompt is cut
 * or padded with request-unique words to the entry's input length. One word is one token to the emulator and
 * about one in mainstream tokenizers.
 */
public final class HashBlockPrompts {
    /** Tokens per hash block, as in the mooncake traces. */
    public static final int BLOCK_TOKENS = 512;

    private static final String[] WORDS = {"time", "people", "water", "story", "city", "light", "music", "river",
            "market", "garden", "window", "letter", "winter", "morning", "number", "family", "question", "school",
            "history", "answer", "paper", "friend", "island", "road", "machine", "animal", "mountain", "language"};

    private HashBlockPrompts() {
    }

    /**
     * @param index    the request's index, which makes the padding after the shared blocks unique
     * @param hashIds  the entry's block ids, in order
     * @param tokens   the entry's input length
     */
    public static String prompt(int index, List<Long> hashIds, int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("prompt length (" + tokens + ") must be > 0");
        }
        StringBuilder text = new StringBuilder(tokens * 7);
        int written = 0;
        for (int block = 0; block < hashIds.size() && written < tokens; block++) {
            long id = hashIds.get(block);
            for (int i = 0; i < BLOCK_TOKENS && written < tokens; i++, written++) {
                if (written > 0) {
                    text.append(' ');
                }
                if (i == 0) {
                    text.append('h').append(id);
                } else {
                    text.append(WORDS[(int) Math.floorMod(id * 31 + i * 7L, (long) WORDS.length)]);
                }
            }
        }
        for (int i = 0; written < tokens; i++, written++) {
            if (written > 0) {
                text.append(' ');
            }
            text.append(i == 0 ? "r" + index : WORDS[(i * 7 + index) % WORDS.length]);
        }
        return text.toString();
    }
}
