package dev.tokenperf.workloads.prompt;

import dev.tokenperf.workloads.tokenizer.Tokenizer;

/**
 * Builds text whose token count is exactly a target: a given head followed by corpus tokens, decoded to text
 * and re-encoded until the count of the final text (not of the ids picked) equals the target. Decoding and
 * re-encoding can merge or split tokens at the seams, so the number of corpus tokens is corrected from the
 * measured count, then nearby lengths and a few one-character endings are tried. The text never ends in
 * whitespace: chat templates (llama.cpp's among them) trim the message, which would drop those tokens.
 */
public final class ExactLengthText {
    private static final int CORRECTION_ROUNDS = 8;
    private static final int SEARCH_WINDOW = 8;
    private static final int ATTEMPTS = 16;
    private static final int ATTEMPT_SHIFT = 37;
    private static final String[] ENDINGS = {".", "!", " a", ",", "?"};

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
     * @param head   text that starts the result (truncated only when it alone is longer than the target); when
     *               empty, the result starts at the first corpus token from {@code start} not led by whitespace
     * @param start  where in the corpus to continue from
     * @param target the exact token count, at least 1
     * @throws IllegalStateException when no text of exactly {@code target} tokens was found (not seen in tests)
     */
    public String build(String head, int start, int target) {
        if (target < 1) {
            throw new IllegalArgumentException("token count (" + target + ") must be > 0");
        }
        int[] headIds = head.isEmpty() ? new int[0] : tokenizer.encode(head);
        // a paragraph break can sit exactly where the text must end; reading from a little further on moves it,
        // which is cheaper than searching around one position, so the search comes last
        for (int attempt = 0; attempt < 2 * ATTEMPTS; attempt++) {
            int from = start + (attempt % ATTEMPTS) * ATTEMPT_SHIFT;
            String text = attempt(headIds, head.isEmpty() ? nonSpaceStart(from) : from, target, attempt >= ATTEMPTS);
            if (text != null) {
                return text;
            }
        }
        throw new IllegalStateException("cannot build text of exactly " + target + " tokens with tokenizer "
                + tokenizer.name());
    }

    private String attempt(int[] headIds, int start, int target, boolean search) {
        int[] source = new int[0];
        int length = target;
        for (int round = 0; round < CORRECTION_ROUNDS; round++) {
            source = ensure(source, headIds, start, length + SEARCH_WINDOW);
            String text = decode(source, length);
            int count = tokenizer.count(text);
            if (count == target && !endsInWhitespace(text)) {
                return text;
            }
            int next = Math.max(1, length + target - count);
            if (next == length) {
                break;
            }
            length = next;
        }
        if (!search) {
            return null;
        }
        source = ensure(source, headIds, start, length + 2 * SEARCH_WINDOW);
        for (int delta = 1; delta <= SEARCH_WINDOW; delta++) {
            for (int candidate : new int[]{length - delta, length + delta}) {
                if (candidate < 1) {
                    continue;
                }
                String text = decode(source, candidate);
                if (tokenizer.count(text) == target && !endsInWhitespace(text)) {
                    return text;
                }
            }
        }
        for (int delta = -SEARCH_WINDOW; delta <= SEARCH_WINDOW; delta++) {
            int candidate = length + delta;
            if (candidate < 1) {
                continue;
            }
            String text = decode(source, candidate).stripTrailing();
            for (String ending : ENDINGS) {
                if (tokenizer.count(text + ending) == target) {
                    return text + ending;
                }
            }
        }
        return null;
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

    /** The first corpus position from {@code start} whose token does not begin with whitespace. */
    private int nonSpaceStart(int start) {
        for (int i = 0; i < corpusIds.length; i++) {
            int position = Math.floorMod(start + i, corpusIds.length);
            String token = tokenizer.decode(new int[]{corpusIds[position]});
            if (!token.isEmpty() && !Character.isWhitespace(token.charAt(0))) {
                return position;
            }
        }
        return start;
    }

    private static boolean endsInWhitespace(String text) {
        return !text.isEmpty() && Character.isWhitespace(text.charAt(text.length() - 1));
    }

    private String decode(int[] source, int length) {
        return tokenizer.decode(java.util.Arrays.copyOf(source, length));
    }
}
