package dev.tokenperf.workloads.prompt;

import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Synthetic prompts of exact token lengths, drawn from the project's {@link Corpus}. Each prompt starts with a
 * unique reference line (so a prefix cache cannot make time to first token look better than it is), unless
 * shared prefixes are asked for: then each prompt starts with one of K prefixes of exactly N tokens, chosen
 * at random, followed by its unique part. Everything derives from the seed: the same seed and tokenizer give
 * byte-identical prompts.
 */
public final class SyntheticPrompts {
    /** The corpus is fixed: the seed only chooses where in it each prompt reads. */
    private static final long CORPUS_SEED = 0x70c3_4e5fL;
    private static final int CORPUS_CHARS = 300_000;
    private static final long PREFIX_STREAM = -1;
    private static final int SENTENCE_SCAN_TOKENS = 64;

    private final Tokenizer tokenizer;
    private final long seed;
    private final ExactLengthText text;
    private final int[] corpusIds;
    private final List<String> sharedPrefixes;

    /**
     * @param sharedPrefixTokens length of each shared prefix, or 0 for a unique start per prompt
     * @param sharedPrefixCount  how many distinct shared prefixes (K), used when sharedPrefixTokens &gt; 0
     */
    public SyntheticPrompts(Tokenizer tokenizer, long seed, int sharedPrefixTokens, int sharedPrefixCount) {
        if (sharedPrefixTokens < 0) {
            throw new IllegalArgumentException("shared prefix length (" + sharedPrefixTokens + ") must be >= 0");
        }
        if (sharedPrefixTokens > 0 && sharedPrefixCount < 1) {
            throw new IllegalArgumentException("number of shared prefixes (" + sharedPrefixCount + ") must be >= 1");
        }
        this.tokenizer = tokenizer;
        this.seed = seed;
        this.corpusIds = tokenizer.encode(Corpus.generate(CORPUS_SEED, CORPUS_CHARS));
        this.text = new ExactLengthText(tokenizer, corpusIds);
        this.sharedPrefixes = sharedPrefixTokens == 0 ? List.of()
                : IntStream.range(0, sharedPrefixCount)
                .mapToObj(k -> text.build("", start(random(PREFIX_STREAM, k)), sharedPrefixTokens) + "\n\n")
                .toList();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The text builder over this generator's corpus, for datasets that synthesise their own prompts. */
    public ExactLengthText text() {
        return text;
    }

    /** A corpus position derived from the seed and a key, for callers that synthesise blocks by key. */
    public int startFor(long stream, long key) {
        return start(random(stream, key));
    }

    /**
     * Builds {@code count} requests with lengths drawn from {@code lengths}; request {@code i} of stream
     * {@code stream} is always the same text for the same seed (streams keep warmup and measured apart).
     */
    public List<RequestSpec> generate(SequenceLengths lengths, int stream, int count) {
        // each prompt has its own random source, so the parallel build gives the same bytes as a sequential one
        return IntStream.range(0, count).parallel().mapToObj(i -> prompt(lengths, stream, i)).toList();
    }

    private RequestSpec prompt(SequenceLengths lengths, int stream, int index) {
        Random random = random(stream, index);
        int[] drawn = lengths.draw(random);
        String head = (sharedPrefixes.isEmpty() ? "" : sharedPrefixes.get(random.nextInt(sharedPrefixes.size())))
                + "Reference " + Integer.toHexString(random.nextInt() | 0x1000_0000) + "-" + stream + "-" + index + ".";
        String prompt = text.build(head, start(random), drawn[0]);
        return RequestSpec.of(prompt, drawn[0], drawn[1]);
    }

    private Random random(long stream, long index) {
        // SplittableRandom mixes its seed, so neighbouring (seed, stream, index) triples give unrelated sources
        long key = seed * 0x9E37_79B9_7F4A_7C15L + stream * 0xC2B2_AE3D_27D4_EB4FL + index;
        return new Random(new SplittableRandom(key).nextLong());
    }

    /** A random corpus position at the start of a sentence, so prompts read naturally from their first word. */
    private int start(Random random) {
        int position = random.nextInt(corpusIds.length);
        for (int i = 0; i < SENTENCE_SCAN_TOKENS; i++) {
            String token = tokenizer.decode(new int[]{corpusIds[Math.floorMod(position + i, corpusIds.length)]});
            String end = token.stripTrailing();
            if (!end.isEmpty() && ".?!".indexOf(end.charAt(end.length() - 1)) >= 0) {
                return Math.floorMod(position + i + 1, corpusIds.length);
            }
        }
        return position;
    }
}
