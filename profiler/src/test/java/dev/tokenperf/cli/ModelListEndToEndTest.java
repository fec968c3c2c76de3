package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -m base,lora-a}: a server that records every body it is sent sees the two models in turn, the records
 * carry each request's model, and the summary holds each model's statistics beside the totals; in a session run
 * each session names one model in all its turns. Bad values of the two flags are one-line usage errors.
 */
class ModelListEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<String> models = new ConcurrentLinkedQueue<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    @Timeout(60)
    void requestsNameTheModelsInTurnAndEachModelHasItsStatistics(@TempDir Path dir) throws Exception {
        CliRun run = profileTwoModels(dir, "--request-count", "10");

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(i % 2 == 0 ? "base" : "lora-a");
        }
        assertEquals(expected, new ArrayList<>(models), "one request at a time: the bodies alternate");
        List<String> recorded = CliRun.jsonLines(dir.resolve("profile_export.jsonl")).stream()
                .map(r -> r.path("metadata").path("model").asText()).sorted().toList();
        assertEquals(expected.stream().sorted().toList(), recorded);

        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        JsonNode perModel = summary.path("per_model");
        assertEquals(2, perModel.size(), perModel.toString());
        assertEquals("base", perModel.get(0).path("model").asText());
        assertEquals("lora-a", perModel.get(1).path("model").asText());
        for (JsonNode m : perModel) {
            assertEquals(5, m.path("request_count").path("avg").asInt(), m.toString());
            assertEquals(0, m.path("error_request_count").path("avg").asInt(), m.toString());
            assertEquals(5, m.path("request_latency").path("count").asInt(), m.toString());
        }
        JsonNode saved = summary.path("input_config").path("endpoint");
        assertEquals("round_robin", saved.path("model_selection_strategy").asText(), saved.toString());
        assertEquals(2, saved.path("model_names").size(), saved.toString());
        assertTrue(run.out().contains("lora-a"), "the console table has a row per model: " + run.out());
    }

    @Test
    @Timeout(60)
    void eachSessionNamesOneModelInAllItsTurnsAndSessionsTakeTheModelsInTurn(@TempDir Path dir) throws Exception {
        profileTwoModels(dir, "--conversation-num", "3", "--conversation-turn-mean", "2");

        assertEquals(List.of("base", "base", "lora-a", "lora-a", "base", "base"), new ArrayList<>(models),
                "one session at a time, each turn naming its session's model");
        Map<String, Set<String>> bySession = CliRun.jsonLines(dir.resolve("profile_export.jsonl")).stream()
                .map(r -> r.path("metadata")).collect(Collectors.groupingBy(m -> m.path("session_id").asText(),
                        Collectors.mapping(m -> m.path("model").asText(), Collectors.toSet())));
        assertEquals(3, bySession.size(), bySession.toString());
        bySession.forEach((id, names) -> assertEquals(1, names.size(), id + " names " + names));
    }

    @Test
    void aBadStrategyOrAnEmptyModelNameIsAUsageErrorNamingTheFlag() {
        assertUsage(CliRun.of("profile", "--url", "http://127.0.0.1:1", "-m", "a,b",
                "--model-selection-strategy", "least_loaded", "--request-count", "1"), "--model-selection-strategy");
        assertUsage(CliRun.of("profile", "--url", "http://127.0.0.1:1", "-m", "a", "-m", " ",
                "--request-count", "1"), "--model must not be empty");
    }

    /** One request at a time with {@code -m base,lora-a} against the recording server, and {@code more} flags. */
    private CliRun profileTwoModels(Path dir, String... more) throws IOException {
        start();
        List<String> args = new ArrayList<>(List.of("profile", "--url",
                "http://127.0.0.1:" + server.getAddress().getPort(), "-m", "base,lora-a", "--no-client-warmup",
                "--concurrency", "1", "--warmup-request-count", "0", "--isl", "12", "--osl", "5", "--output-dir",
                dir.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    private static void assertUsage(CliRun run, String mustContain) {
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(mustContain), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] reply;
            if ("GET".equals(exchange.getRequestMethod())) {
                reply = "{\"object\":\"list\",\"data\":[{\"id\":\"base\"},{\"id\":\"lora-a\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                models.add(body.path("model").asText());
                reply = ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"a b c d e\"}}],"
                        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5}}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }
}
