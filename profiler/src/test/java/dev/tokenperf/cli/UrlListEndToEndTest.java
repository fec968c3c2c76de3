package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorTiming;
import dev.tokenperf.reports.plan.ModelSelection;
import dev.tokenperf.reports.plan.UrlSelection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --url A --url B}: two emulators each serve the requests the selection rule gives them (counted by the
 * emulators themselves; warmup spread the same way), in a closed and an open loop, records name their server, the summary keeps each server's statistics beside the totals,
 * a session stays on one server, and bad values are one-line usage errors.
 */
class UrlListEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EmulatorServer a;
    private EmulatorServer b;

    @BeforeEach
    void start() throws InterruptedException {
        EmulatorTiming fast = new EmulatorTiming(1_000_000L, 0, 1_000_000L, 1, 5, "m");
        a = EmulatorServer.start(fast, 0, 1);
        b = EmulatorServer.start(fast, 0, 1);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    @Timeout(60)
    void twoUrlsGetHalfTheRequestsEach(@TempDir Path dir) throws Exception {
        CliRun run = profile(dir, "--request-count", "40", "--concurrency", "4", "--warmup-request-count", "4");
        assertEquals(0, run.exitCode(), run.err());

        awaitServed(44);
        assertEquals(22, served(a), "the first emulator's own count: 2 warmup and 20 measured requests");
        assertEquals(22, served(b), "the second emulator's own count: 2 warmup and 20 measured requests");

        List<JsonNode> records = CliRun.jsonLines(dir.resolve("profile_export.jsonl"));
        for (JsonNode r : records) {
            int index = r.path("metadata").path("session_num").asInt();
            assertEquals(index % 2 == 0 ? a.url() : b.url(), r.path("metadata").path("url").asText(),
                    "request i goes to URL i mod 2: " + r);
        }
        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        JsonNode perUrl = summary.path("per_url");
        assertEquals(2, perUrl.size(), perUrl.toString());
        assertEquals(Map.of(a.url(), 20, b.url(), 20), counts(perUrl));
        for (JsonNode u : perUrl) {
            assertEquals(0, u.path("error_request_count").path("avg").asInt(), u.toString());
            assertEquals(20, u.path("time_to_first_token").path("count").asInt(), u.toString());
        }
        assertTrue(summary.path("client_health").path("max_open_connections").asInt() <= 8,
                "each of the 4 slots reuses one connection per URL: " + summary.path("client_health"));
        JsonNode saved = summary.path("input_config").path("endpoint");
        assertEquals(a.url(), saved.path("url").asText(), saved.toString());
        assertEquals(List.of(a.url(), b.url()), List.of(saved.path("urls").get(0).asText(),
                saved.path("urls").get(1).asText()));
        assertEquals("round_robin", saved.path("url_strategy").asText());
        assertTrue(run.out().contains("URL ") && run.out().contains(b.url()), "a console row per URL: " + run.out());
    }

    @Test
    @Timeout(60)
    void randomSplitsAsTheSeededRuleSaysInAnOpenLoop(@TempDir Path dir) throws Exception {
        CliRun run = profile(dir, "--request-count", "40", "--request-rate", "400", "--url-strategy", "random",
                "--random-seed", "11");
        assertEquals(0, run.exitCode(), run.err());

        UrlSelection rule = new UrlSelection(List.of(a.url(), b.url()), ModelSelection.Strategy.RANDOM);
        int toA = 0;
        for (long i = 0; i < 40; i++) {
            toA += rule.indexOf(i, 11) == 0 ? 1 : 0;
        }
        awaitServed(40);
        assertEquals(toA, served(a));
        assertEquals(40 - toA, served(b));
        assertEquals(Map.of(a.url(), toA, b.url(), 40 - toA),
                counts(CliRun.json(dir.resolve("profile_export_aiperf.json")).path("per_url")));
    }

    @Test
    @Timeout(60)
    void aSessionStaysOnOneServer(@TempDir Path dir) throws Exception {
        CliRun run = profile(dir, "--conversation-num", "4", "--conversation-turn-mean", "2", "--concurrency", "2");
        assertEquals(0, run.exitCode(), run.err());

        Map<String, String> serverOfSession = new HashMap<>();
        for (JsonNode r : CliRun.jsonLines(dir.resolve("profile_export.jsonl"))) {
            String session = r.path("metadata").path("session_id").asText();
            String url = r.path("metadata").path("url").asText();
            assertEquals(serverOfSession.computeIfAbsent(session, s -> url), url, "every turn of " + session);
        }
        assertEquals(4, serverOfSession.size());
        assertEquals(Map.of(a.url(), 2L, b.url(), 2L), serverOfSession.values().stream()
                .collect(Collectors.groupingBy(u -> u, Collectors.counting())), "session i goes to URL i mod 2");
    }

    @Test
    void aRepeatedUrlOrABadStrategyIsAUsageError() {
        assertUsage(CliRun.of("profile", "--url", "http://127.0.0.1:1", "--url", "http://127.0.0.1:1/v1/",
                "--request-count", "1"), "--url http://127.0.0.1:1 is given twice");
        assertUsage(CliRun.of("profile", "--url", "http://127.0.0.1:1", "--url", "http://127.0.0.1:2",
                "--url-strategy", "least_loaded", "--request-count", "1"), "--url-strategy");
    }

    private CliRun profile(Path dir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("profile", "--url", a.url(), "--url", b.url(),
                "--model", "m", "--streaming", "--no-client-warmup", "--no-server-metrics", "--quiet", "--isl", "8", "--osl", "5",
                "--output-dir", dir.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Map<String, Integer> counts(JsonNode perUrl) {
        Map<String, Integer> out = new HashMap<>();
        perUrl.forEach(u -> out.put(u.path("url").asText(), u.path("request_count").path("avg").asInt()));
        return out;
    }

    private static void assertUsage(CliRun run, String mustContain) {
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(mustContain), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    /**
     * Waits (at most 10 s) until the two emulators have finished {@code total} requests between them: an emulator
     * counts a request when its last token falls due, about when the client reads it.
     */
    private void awaitServed(long total) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (served(a) + served(b) < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The requests an emulator finished, from its own {@code /metrics}: its TTFT histogram's count. */
    private static long served(EmulatorServer emulator) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(l -> l.startsWith("vllm:time_to_first_token_seconds_count"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
