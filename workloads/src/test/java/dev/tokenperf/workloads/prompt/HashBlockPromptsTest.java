package dev.tokenperf.workloads.prompt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashBlockPromptsTest {
    private static final int BLOCK = HashBlockPrompts.BLOCK_TOKENS;

    private static String words(String text, int from, int to) {
        return String.join(" ", List.of(text.split(" ")).subList(from, to));
    }

    @Test
    void sharedLeadingHashIdsShareThePrefixAndNothingMore() {
        String a = HashBlockPrompts.prompt(0, List.of(7L, 8L), 2 * BLOCK + 10);
        String b = HashBlockPrompts.prompt(1, List.of(7L, 9L), 2 * BLOCK + 10);
        assertEquals(2 * BLOCK + 10, a.split(" ").length);
        assertEquals(words(a, 0, BLOCK), words(b, 0, BLOCK));
        assertNotEquals(words(a, BLOCK, BLOCK + 1), words(b, BLOCK, BLOCK + 1));
        assertNotEquals(words(a, 2 * BLOCK, 2 * BLOCK + 10), words(b, 2 * BLOCK, 2 * BLOCK + 10));
    }

    @Test
    void shorterInputCutsTheBlocks() {
        String p = HashBlockPrompts.prompt(3, List.of(1L, 2L, 3L), 100);
        assertEquals(100, p.split(" ").length);
        assertTrue(p.startsWith("h1 "));
    }
}
