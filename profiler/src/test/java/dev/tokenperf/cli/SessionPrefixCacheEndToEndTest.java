package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions against the emulator with its prefix cache. Each later turn's prompt starts with the whole previous
 * prompt, whose full blocks the cache holds after that turn, so the emulator prefills only the rest:
 * <ul>
 *   <li>the emulator's own count of prompt tokens served from its cache is exactly the sum, over turns, of the
 *       previous turn's full blocks (the state lives only in what each request carries);</li>
 *   <li>each turn's record carries that count as the server's {@code cached_tokens}, and the client-side hit
 *       rate over the run equals the emulator's counted hits over queries;</li>
 *   <li>each turn's TTFT follows that truth (fixed TTFT + per-token prefill x uncached tokens): never below it,
 *       and from the third turn on far below what prefilling the whole prompt would take (the slack allowed is
 *       half that difference, so a loaded machine's delays do not fail the test but a missing cache does).</li>
 * </ul>
 */
class SessionPrefixCacheEndToEndTest {
    private static final double TTFT_MS = 2;
    private static final double PREFILL_MS_PER_TOKEN = 10;
    private static final int BLOCK = 16;

    @Test
    @Timeout(60)
    void laterTurnsPrefillOnlyWhatTheCacheLacks(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--no-client-warmup", "-q",
                "--concurrency", "3", "--conversation-num", "3", "--conversation-turn-mean", "4",
                "--isl", "40", "--osl", "8", "--ttft-ms", String.valueOf(TTFT_MS), "--prefill-us-per-token",
                String.valueOf(PREFILL_MS_PER_TOKEN * 1000), "--itl-ms", "1", "--kv-cache-tokens", "1000000",
                "--block-size", String.valueOf(BLOCK), "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        Map<String, List<JsonNode>> sessions = CliRun.jsonLines(dir.resolve("profile_export.jsonl")).stream()
                .collect(Collectors.groupingBy(r -> r.path("metadata").path("session_id").asText()));
        assertEquals(3, sessions.size());
        long expectedHits = 0;
        for (List<JsonNode> turns : sessions.values()) {
            turns.sort(Comparator.comparingInt(r -> r.path("metadata").path("turn_index").asInt()));
            assertEquals(4, turns.size());
            int cached = 0;
            for (JsonNode turn : turns) {
                int index = turn.path("metadata").path("turn_index").asInt();
                int prompt = turn.path("tokens").path("server_input").asInt();
                double truth = TTFT_MS + PREFILL_MS_PER_TOKEN * (prompt - cached);
                double uncachedTruth = TTFT_MS + PREFILL_MS_PER_TOKEN * prompt;
                double ttft = turn.path("metrics").path("time_to_first_token").path("value").asDouble();
                String what = "turn " + index + ": TTFT " + ttft + " ms, truth " + truth + " ms (" + prompt
                        + " prompt tokens, " + cached + " cached)";
                assertTrue(ttft >= truth - 0.5, what);
                if (index >= 2) {
                    assertTrue(ttft < truth + (uncachedTruth - truth) / 2, what + ", whole-prompt prefill "
                            + uncachedTruth + " ms");
                }
                assertEquals(cached, turn.path("tokens").path("cached_tokens").asInt(-1), what);
                expectedHits += cached;
                // the next turn's prompt begins with this one, whose full blocks are now cached
                cached = prompt / BLOCK * BLOCK;
            }
        }
        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        JsonNode counters = summary.path("server_metrics").path("counters");
        JsonNode hits = counters.path("prefix_cache_hits").path("total");
        assertEquals(expectedHits, hits.asLong(), "prompt tokens the emulator served from its cache");
        assertEquals(hits.asDouble() / counters.path("prefix_cache_queries").path("total").asDouble(),
                summary.path("client_prefix_cache_hit_rate").path("avg").asDouble(), 1e-12,
                "client-side sum(cached_tokens) / sum(input tokens) = the emulator's hits / queries");
        assertEquals(12, summary.path("cache_reporting_request_count").path("avg").asInt());
    }
}
