package dev.tokenperf.workloads.prompt;

import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;
import dev.tokenperf.workloads.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticPromptsTest {
    private final Tokenizer tokenizer = new JTokkitTokenizer();

    private List<String> texts(long seed, SequenceLengths lengths, int stream, int count, int prefixTokens, int prefixes) {
        return new SyntheticPrompts(tokenizer, seed, prefixTokens, prefixes).generate(lengths, stream, count).stream()
                .map(RequestSpec::promptText).toList();
    }

    @Test
    void theSameSeedGivesByteIdenticalPrompts() {
        SequenceLengths lengths = SequenceLengths.fixed(300, 20, 40, 5);
        List<String> first = texts(7, lengths, 0, 50, 0, 0);
        assertEquals(50, first.size());
        assertEquals(first, texts(7, lengths, 0, 50, 0, 0));
    }

    @Test
    void aDifferentSeedGivesDifferentPrompts() {
        SequenceLengths lengths = SequenceLengths.fixed(300, 20, 0, 0);
        List<String> a = texts(7, lengths, 0, 50, 0, 0);
        List<String> b = texts(8, lengths, 0, 50, 0, 0);
        assertEquals(50, a.size());
        assertEquals(50, b.size());
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(a.get(i), b.get(i), "prompt " + i);
        }
    }

    @Test
    void everyPromptStartsDifferentlySoNoPrefixCacheCanHelp() {
        List<String> prompts = texts(1, SequenceLengths.fixed(64, -1, 0, 0), 0, 200, 0, 0);
        Set<String> starts = new HashSet<>();
        for (String prompt : prompts) {
            starts.add(tokenizer.decode(java.util.Arrays.copyOf(tokenizer.encode(prompt), 6)));
        }
        assertEquals(prompts.size(), starts.size());
    }

    @Test
    void warmupAndMeasuredStreamsDiffer() {
        SequenceLengths lengths = SequenceLengths.fixed(100, 10, 0, 0);
        assertTrue(texts(3, lengths, 1, 20, 0, 0).stream().noneMatch(texts(3, lengths, 0, 20, 0, 0)::contains));
    }

    @Test
    void sharedPrefixesAreOneOfKTextsOfExactlyNTokens() {
        int prefixTokens = 200;
        List<String> prompts = texts(5, SequenceLengths.fixed(500, 10, 0, 0), 0, 60, prefixTokens, 3);
        Set<String> prefixes = new HashSet<>();
        for (String prompt : prompts) {
            assertEquals(500, tokenizer.count(prompt));
            String prefix = prompt.substring(0, prompt.indexOf("\n\nReference "));
            assertEquals(prefixTokens, tokenizer.count(prefix));
            prefixes.add(prefix);
        }
        assertEquals(3, prefixes.size());
    }

    @Test
    void lengthsFollowTheSeqDistMix() {
        SequenceLengths mix = new SequenceLengths(SequenceLengths.parse("50,5:25;150,15:75"), 0, 0);
        List<RequestSpec> specs = new SyntheticPrompts(tokenizer, 11, 0, 0).generate(mix, 0, 400);
        long longOnes = specs.stream().filter(s -> s.inputTokens() == 150 && s.outputTokens() == 15).count();
        long shortOnes = specs.stream().filter(s -> s.inputTokens() == 50 && s.outputTokens() == 5).count();
        assertEquals(400, longOnes + shortOnes);
        // weight 3:1 gives 300 expected; 260..340 is beyond 4 binomial standard deviations (8.7) on either side
        assertTrue(longOnes > 260 && longOnes < 340, "long prompts: " + longOnes);
        specs.forEach(s -> assertEquals(s.inputTokens(), tokenizer.count(s.promptText())));
    }

    @Test
    void stddevSpreadsLengthsAndEachStaysExact() {
        List<RequestSpec> specs = new SyntheticPrompts(tokenizer, 2, 0, 0)
                .generate(SequenceLengths.fixed(400, 100, 50, 20), 0, 100);
        Set<Integer> distinct = new HashSet<>();
        for (RequestSpec spec : specs) {
            distinct.add(spec.inputTokens());
            assertEquals(spec.inputTokens(), tokenizer.count(spec.promptText()));
            assertTrue(spec.outputTokens() >= 1);
        }
        assertTrue(distinct.size() > 20, "distinct lengths: " + distinct.size());
    }
}
