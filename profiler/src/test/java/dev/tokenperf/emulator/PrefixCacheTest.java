package dev.tokenperf.emulator;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prefix cache's block arithmetic, LRU eviction and counters, with exact token counts. */
class PrefixCacheTest {

    private static int[] tokens(int from, int count) {
        return IntStream.range(from, from + count).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(IntStream.of(a), IntStream.of(b)).toArray();
    }

    @Test
    void aRepeatedPromptHitsEveryFullBlockBeforeItsLastToken() {
        PrefixCache cache = new PrefixCache(new PrefixCacheSettings(16, 1024));
        int[] prompt = tokens(0, 100);
        assertEquals(0, cache.admit(prompt), "cold");
        assertEquals(96, cache.admit(prompt), "6 full blocks of 16 within the first 99 tokens");
        int[] exactBlocks = tokens(1000, 64);
        cache.admit(exactBlocks);
        assertEquals(48, cache.admit(exactBlocks), "the last token is always computed, so its block is not a hit");
    }

    @Test
    void onlyTheSharedPrefixHitsAndAChangeEarlyMissesEverythingAfterIt() {
        PrefixCache cache = new PrefixCache(new PrefixCacheSettings(16, 4096));
        int[] document = tokens(0, 64);
        cache.admit(concat(document, tokens(500, 40)));
        assertEquals(64, cache.admit(concat(document, tokens(900, 40))), "the shared 4 blocks");
        int[] changedFirstToken = tokens(0, 104);
        changedFirstToken[0] = 7_777;
        assertEquals(0, cache.admit(changedFirstToken), "block hashes chain over the whole prefix");
    }

    @Test
    void unrelatedPromptsEvictTheLeastRecentlyUsedBlocks() {
        PrefixCache cache = new PrefixCache(new PrefixCacheSettings(16, 160)); // 10 blocks
        int[] document = tokens(0, 81); // 5 full blocks
        cache.admit(document);
        cache.admit(tokens(10_000, 48)); // 3 blocks: 8 held
        assertEquals(80, cache.admit(document), "still held, and now most recently used");
        cache.admit(tokens(20_000, 64)); // 4 more: 12 > 10, the 2 oldest (the 48-token prompt's) go
        assertEquals(80, cache.admit(document));
        cache.admit(tokens(30_000, 160)); // 10 blocks: everything else is evicted
        assertEquals(0, cache.admit(document), "flushed");
    }

    @Test
    void countersAreInTokensAsVllmCountsThem() {
        PrefixCache cache = new PrefixCache(new PrefixCacheSettings(16, 1024));
        EmulatorMetrics metrics = new EmulatorMetrics("m");
        metrics.prefixCacheLookup(50, cache.admit(tokens(0, 50)));
        metrics.prefixCacheLookup(50, cache.admit(tokens(0, 50)));
        String text = metrics.render();
        assertTrue(text.contains("vllm:prefix_cache_queries_total{model_name=\"m\"} 100\n"), text);
        assertTrue(text.contains("vllm:prefix_cache_hits_total{model_name=\"m\"} 48\n"), text);
        assertTrue(text.contains("# TYPE vllm:prefix_cache_hits counter\n"), text);
    }

    @Test
    void settingsNameTheFlag() {
        assertEquals("--block-size (0) must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> new PrefixCacheSettings(0, 100)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PrefixCacheSettings(16, 8)).getMessage()
                .startsWith("--kv-cache-tokens (8)"));
    }
}
