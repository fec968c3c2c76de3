package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shared-prefix {@code profile} run reports the hit rate the emulator's prefix cache counted: every request
 * sends the same document and question, so request 1 misses and each later one hits every full 16-token block
 * within its first n - 1 tokens. The client's own hit rate, from each response's {@code cached_tokens}, must equal
 * the emulator's counted hits over queries.
 */
class PrefixCacheHitRateTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aSharedPrefixRunReportsTheEmulatorsCountedHitRate() throws IOException {
        CliRun run = CliRun.of("profile", "--emulate", "--kv-cache-tokens", "65536", "--streaming",
                "--concurrency", "1", "--request-count", "4", "--context-file",
                CliRun.EXAMPLES.resolve("datasets/context.txt").toString(), "--max-ctx-tokens", "4096",
                "--prompt", "What does the text describe?", "--server-metrics-url", "/metrics",
                "--no-client-warmup", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        int n = summary.path("input_sequence_length").path("avg").asInt();
        assertEquals(n, summary.path("input_sequence_length").path("max").asInt(), "every prompt is the same");
        int cached = (n - 1) / 16 * 16;
        JsonNode metrics = summary.path("server_metrics");
        JsonNode counters = metrics.path("counters");
        assertEquals(4L * n, counters.path("prefix_cache_queries").path("total").asLong(), metrics.toString());
        assertEquals(3L * cached, counters.path("prefix_cache_hits").path("total").asLong(), metrics.toString());
        assertEquals(3.0 * cached / (4.0 * n), metrics.path("prefix_cache_hit_rate").asDouble(), 1e-12);
        double serverRate = counters.path("prefix_cache_hits").path("total").asDouble()
                / counters.path("prefix_cache_queries").path("total").asDouble();
        assertEquals(serverRate, summary.path("client_prefix_cache_hit_rate").path("avg").asDouble(), 1e-12,
                "the client's sum(cached_tokens) / sum(input tokens) is the emulator's hits / queries");
        assertEquals(4, summary.path("cache_reporting_request_count").path("avg").asInt());
        assertTrue(run.out().contains(String.format(java.util.Locale.US, "prefix cache, client-side (usage "
                + "cached_tokens): %.1f%% of input tokens cached, over 4 requests reporting", serverRate * 100)),
                run.out());
        assertTrue(run.out().contains("prefix cache: " + 3L * cached + " of " + 4L * n + " queried tokens hit ("
                + String.format(java.util.Locale.US, "%.1f%%", 300.0 * cached / (4.0 * n))), run.out());
    }

    @Test
    @Timeout(120)
    void withoutAPrefixCacheEveryLookupMisses() throws IOException {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--request-count", "2",
                "--server-metrics-url", "/metrics", "--no-client-warmup", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        assertFalse(summary.has("client_prefix_cache_hit_rate"), "no cached_tokens reported: absent, not 0");
        assertFalse(run.out().contains("client-side"), run.out());
        JsonNode metrics = summary.path("server_metrics");
        assertEquals(0, metrics.path("counters").path("prefix_cache_hits").path("total").asLong(), metrics.toString());
        assertEquals(0.0, metrics.path("prefix_cache_hit_rate").asDouble(), 0.0, metrics.toString());
    }
}
