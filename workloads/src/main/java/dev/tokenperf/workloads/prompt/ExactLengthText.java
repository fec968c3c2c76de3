package dev.tokenperf.workloads.prompt;

import dev.tokenperf.workloads.tokenizer.Tokenizer;

/**
 * Builds text whose token count is exactly a target: a given head followed by corpus tokens, decoded to text
 * and re-encoded until the count of the final text (not of the ids picked) equals the target. Decoding and
 * re-encoding can merge or split tokens at the seams, so the number of corpus tokens is corrected from the
 * measured count, then nearby lengths and a few one-character endings are tried.
 */
public final class ExactLengthText {
    private static final int CORRECTION_ROUNDS = 8;
    private static final int SEARCH_WINDOW = 8;
    private static final String[] ENDINGS = {".", "\n", " a", "!", ","};

    private final Tokenizer tokenizer;
    private final int[] corpusIds;

    /** @param corpusIds the encoded corpus, read cyclically */
    public ExactLengthText(Tokenizer tokenizer, int[] corpusIds) {
        if (corpusIds.length == 0) {
            throw new IllegalArgumentException("the corpus encodes to no tokens");
        }
        this.tokenizer = tokenizer;
        this.corpusIds = corpusIds;
    }

    /**
     * @param head   text that starts the result (truncated only when it alone is longer than the target)
     * @param start  where in the corpus to continue from
     * @param target the exact token count, at least 1
     * @throws IllegalStateException when no text of exactly {@code target} tokens was found (not seen in tests)
     */
    public String build(String head, int start, int target) {
        if (target < 1) {
            throw new IllegalArgumentException("token count (" + target + ") must be > 0");
        }
        int[] headIds = head.isEmpty() ? new int[0] : tokenizer.encode(head);
        int[] source = new int[0];
        int length = target;
        for (int round = 0; round < CORRECTION_ROUNDS; round++) {
            source = ensure(source, headIds, start, length + SEARCH_WINDOW);
            int count = tokenizer.count(decode(source, length));
            if (count == target) {
                return decode(source, length);
            }
            int next = Math.max(1, length + target - count);
            if (next == length) {
                break;
            }
            length = next;
        }
        source = ensure(source, headIds, start, length + 2 * SEARCH_WINDOW);
        for (int delta = 1; delta <= SEARCH_WINDOW; delta++) {
            for (int candidate : new int[]{length - delta, length + delta}) {
                if (candidate >= 1 && tokenizer.count(decode(source, candidate)) == target) {
                    return decode(source, candidate);
                }
            }
        }
        for (int delta = -SEARCH_WINDOW; delta <= SEARCH_WINDOW; delta++) {
            int candidate = length + delta;
            if (candidate < 1) {
                continue;
            }
            String text = decode(source, candidate);
            if (tokenizer.count(text) != target - 1) {
                continue;
            }
            for (String ending : ENDINGS) {
                if (tokenizer.count(text + ending) == target) {
                    return text + ending;
                }
            }
        }
        throw new IllegalStateException("cannot build text of exactly " + target + " tokens with tokenizer "
                + tokenizer.name());
    }

    /** The first {@code length} ids of head-then-corpus, kept in {@code source} and grown when needed. */
    private int[] ensure(int[] source, int[] headIds, int start, int length) {
        if (source.length >= length) {
            return source;
        }
        int[] grown = new int[Math.max(length, source.length * 2)];
        int fromHead = Math.min(headIds.length, grown.length);
        System.arraycopy(headIds, 0, grown, 0, fromHead);
        for (int i = fromHead; i < grown.length; i++) {
            grown[i] = corpusIds[Math.floorMod(start + i - headIds.length, corpusIds.length)];
        }
        return grown;
    }

    private String decode(int[] source, int length) {
        return tokenizer.decode(java.util.Arrays.copyOf(source, length));
    }
}
