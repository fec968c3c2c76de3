package dev.tokenperf.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server metrics through the CLI against the emulator, scraped by default, checked against its own truth. */
@Timeout(60)
class ServerMetricsEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theEmulatorsMetricsAreScrapedByDefaultAndMatchWhatItServed() throws Exception {
        int requests = 9;
        int concurrency = 3;
        // no warmup and a fresh emulator: every histogram series is created during the measured window
        CliRun cli = CliRun.of("profile", "--emulate", "--streaming", "--concurrency", String.valueOf(concurrency),
                "--request-count", String.valueOf(requests), "--isl", "100", "--osl", "10", "--itl-ms", "10",
                "--stall-at-request", "2", "--stall-ms", "200", "--server-metrics-interval", "0.05",
                "--output-dir", dir.toString());
        assertEquals(0, cli.exitCode(), cli.err());

        JsonNode server = MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile()).path("server_metrics");
        assertEquals(0, server.path("notes").size(), server.toString());
        JsonNode histograms = server.path("histograms");
        assertEquals(requests, histograms.path("vllm:time_to_first_token_seconds").path("count").asInt(),
                server.toString());
        assertEquals(requests * 9, histograms.path("vllm:inter_token_latency_seconds").path("count").asInt());

        JsonNode counters = server.path("counters");
        assertEquals(promptTokensServed(), counters.path("prefix_cache_queries").path("total").asLong(),
                "every prompt token the emulator counted is one prefix-cache query");
        assertEquals("vllm:prefix_cache_queries_total", counters.path("prefix_cache_queries").path("metric").asText());
        assertEquals(0, counters.path("prefix_cache_hits").path("total").asLong(), "the emulator has no prefix cache");
        assertEquals(0.0, server.path("prefix_cache_hit_rate").asDouble(-1));
        assertEquals(0, counters.path("preemptions").path("total").asLong());

        JsonNode running = server.path("gauges").path("requests_running");
        JsonNode waiting = server.path("gauges").path("requests_waiting");
        assertTrue(running.path("samples").asInt() >= 2, running.toString());
        assertEquals(running.path("samples").asInt(), running.path("time_series").size());
        assertTrue(running.path("max").asDouble() <= concurrency, "never more running than sent: " + running);
        assertTrue(waiting.path("max").asDouble() <= 1, "only the stalled request ever waits: " + waiting);
        assertEquals(0.0, running.path("last").asDouble(), "all served by the last scrape: " + running);
        assertEquals(0.0, waiting.path("last").asDouble());
        assertFalse(server.path("gauges").has("kv_cache_usage"), "the emulator has no KV-cache model");

        assertTrue(cli.out().contains("Server activity over the run window"), cli.out());
        assertTrue(cli.out().contains("prefix cache: 0 of " + promptTokensServed() + " queried tokens hit (0.0%)"),
                cli.out());
    }

    private long promptTokensServed() throws Exception {
        long tokens = 0;
        for (String line : Files.readAllLines(dir.resolve("profile_export.jsonl"))) {
            tokens += MAPPER.readTree(line).path("tokens").path("server_input").asLong();
        }
        return tokens;
    }

    @Test
    void noServerMetricsTurnsScrapingOff() throws Exception {
        CliRun cli = CliRun.of("profile", "--emulate", "--streaming", "--concurrency", "1", "--request-count", "2",
                "--isl", "20", "--osl", "3", "--no-server-metrics", "--output-dir", dir.toString());

        assertEquals(0, cli.exitCode(), cli.err());
        assertFalse(MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile()).has("server_metrics"));
        assertFalse(cli.out().contains("Server histograms"), cli.out());
    }

    @Test
    void contradictoryOrBadFlagsAreUsageErrors() {
        CliRun both = CliRun.of("profile", "--emulate", "--no-server-metrics", "--server-metrics-url", "/metrics");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("--no-server-metrics"), both.err());

        CliRun interval = CliRun.of("profile", "--emulate", "--server-metrics-interval", "0");
        assertEquals(2, interval.exitCode());
        assertTrue(interval.err().contains("--server-metrics-interval must be between 0.05 and 2592000 seconds, got 0"),
                interval.err());
    }
}
