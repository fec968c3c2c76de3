package dev.tokenperf.workloads.prompt;

import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;
import dev.tokenperf.workloads.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextPromptTest {
    private final Tokenizer tokenizer = new JTokkitTokenizer();

    @Test
    void cutsTheDocumentToTheContextMinusTheSafetyMargin() {
        String document = Corpus.generate(3, 60_000);
        int maxContext = ContextPrompt.SAFETY_MARGIN_TOKENS + 1000;
        String prompt = ContextPrompt.build(tokenizer, document, "Summarise the text.", maxContext);
        String kept = prompt.substring(0, prompt.lastIndexOf("\n\nSummarise the text."));
        assertTrue(tokenizer.count(document) > 1000);
        assertTrue(document.startsWith(kept));
        // the longest start that fits: 1000 tokens, or 999 when the cut token re-encodes as two
        assertTrue(tokenizer.count(kept) >= 999 && tokenizer.count(kept) <= 1000, "kept " + tokenizer.count(kept));
    }

    @Test
    void keepsAShortDocumentWhole() {
        assertEquals("A short note.\n\nWhat is it?",
                ContextPrompt.build(tokenizer, "A short note.\n", "What is it?", 4096));
    }

    @Test
    void refusesAContextNoLargerThanTheMargin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextPrompt.build(tokenizer, "text", "q", 2048));
        assertTrue(e.getMessage().contains("--max-ctx-tokens (2048)"), e.getMessage());
    }

    @Test
    void withoutATokenizerCutsAtFourCharactersPerTokenOfTheBudget() {
        String document = "x".repeat(10_000);
        String prompt = ContextPrompt.buildByCharacters(document, "Why?", ContextPrompt.SAFETY_MARGIN_TOKENS + 1000);
        // 1000 tokens of budget = 4000 characters, the question's 4 included
        assertEquals("x".repeat(3996) + "\n\nWhy?", prompt);
        assertEquals("short\n\nWhy?", ContextPrompt.buildByCharacters(" short ", "Why?", 4096));
        assertThrows(IllegalArgumentException.class, () -> ContextPrompt.buildByCharacters("text", "q", 2048));
    }
}
