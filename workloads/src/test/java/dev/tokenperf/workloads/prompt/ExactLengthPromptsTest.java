package dev.tokenperf.workloads.prompt;

import dev.tokenperf.workloads.tokenizer.Tokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every synthetic prompt re-encodes to exactly the requested length, with both shared model tokenizers and the
 * embedded default: 1,000 prompts at 128 and 4,096 tokens; at 32,768 tokens 25 prompts per tokenizer, because
 * building and verifying 1,000 of them takes minutes on the shared 2-core CI machine.
 */
class ExactLengthPromptsTest {

    @ParameterizedTest(name = "{0}: {2} prompts of {1} tokens")
    @CsvSource({
            "qwen3, 128, 1000", "qwen3, 4096, 1000", "qwen3, 32768, 25",
            "tiny-llama, 128, 1000", "tiny-llama, 4096, 1000", "tiny-llama, 32768, 25",
            "o200k_base, 128, 1000", "o200k_base, 4096, 1000", "o200k_base, 32768, 25"})
    void everyPromptHasExactlyTheRequestedTokenCount(String tokenizerName, int isl, int count) {
        try (Tokenizer tokenizer = TestTokenizers.named(tokenizerName)) {
            long t0 = System.nanoTime();
            SyntheticPrompts prompts = new SyntheticPrompts(tokenizer, 42, 0, 0);
            List<RequestSpec> specs = prompts.generate(SequenceLengths.fixed(isl, 16, 0, 0), 0, count);
            long t1 = System.nanoTime();
            assertEquals(count, specs.size());
            for (RequestSpec spec : specs) {
                assertEquals(isl, tokenizer.count(spec.promptText()), () -> "prompt starting "
                        + spec.promptText().substring(0, 40));
                assertEquals(isl, spec.inputTokens());
            }
            System.out.printf("%s isl=%d n=%d build %.2fs verify %.2fs%n", tokenizerName, isl, count,
                    (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        }
    }
}
