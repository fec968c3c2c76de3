package dev.tokenperf.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tokenperf.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breakdown and the server histograms through the CLI, against the emulator and a metrics stub. */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hung CLI run fails the build instead of hanging it
class StageBreakdownEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theEmulatorsStageReportsGiveABreakdownThatSumsToTheClientTtft() throws Exception {
                int requests = 12;
        CliRun cli = CliRun.of("profile", "--emulate", "--mode", "disagg-decode-first", "--streaming",
                "--stage-report-port", "0", "--concurrency", "3", "--request-count", String.valueOf(requests),
                "--isl", "300", "--osl", "4", "--prefill-tokens-per-sec", "100000", "--kv-transfer-ms", "7",
                "--decode-tokens-per-sec", "200", "--output-dir", dir.toString());
        assertEquals(0, cli.exitCode(), cli.err());

        JsonNode breakdown = MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile()).path("ttft_breakdown");
        assertEquals(requests, breakdown.path("requests_with_reports").asInt(), breakdown.toString());
        assertEquals(0, breakdown.path("requests_without_reports").asInt());
        assertEquals(List.of("prefill_queue", "prefill_compute", "kv_transfer", "decode_queue", "decode_first_step"),
                MAPPER.convertValue(breakdown.path("stages"), List.class));
        Map<String, Integer> promptTokens = promptTokensById();
        Map<String, Double> measuredTtft = ttftMillisById();
        List<String> rowNames = new java.util.ArrayList<>();
        breakdown.path("rows").fieldNames().forEachRemaining(rowNames::add);
        assertEquals(Set.of("mean", "p50", "p90", "p99"), Set.copyOf(rowNames));
        for (Iterator<Map.Entry<String, JsonNode>> rows = breakdown.path("rows").fields(); rows.hasNext(); ) {
            Map.Entry<String, JsonNode> e = rows.next();
            JsonNode row = e.getValue();
            double sum = row.path("remainder").asDouble();
            for (JsonNode stage : breakdown.path("stages")) {
                sum += row.path(stage.asText()).asDouble();
            }
            assertEquals(row.path("client_ttft").asDouble(), sum, 1e-6, e.getKey());
            if (row.has("request_id")) {
                // the row's client TTFT is that request's, as profile_export.jsonl measured it
                assertEquals(measuredTtft.get(row.path("request_id").asText()), row.path("client_ttft").asDouble(),
                        1e-6, e.getKey());
            }
            // the emulator's truth, as configured (reports carry microsecond precision)
            assertEquals(7.0, row.path("kv_transfer").asDouble(), 1e-3, e.getKey());
            assertEquals(5.0, row.path("decode_first_step").asDouble(), 1e-3, e.getKey());
            if (row.has("request_id")) {
                // the two partial prefill reports summed: prompt tokens / 100k tokens per second
                double expected = promptTokens.get(row.path("request_id").asText()) / 100.0;
                assertEquals(expected, row.path("prefill_compute").asDouble(), 1e-3, e.getKey());
                assertTrue(row.path("remainder").asDouble() >= 0, "the client cannot see a token before it is sent");
            }
        }
        assertTrue(cli.out().contains("TTFT breakdown"), cli.out());
        // the merged reports are saved beside the records, one line per request id
        List<String> saved = Files.readAllLines(dir.resolve("stage_reports.jsonl"));
        assertEquals(promptTokens.size(), saved.size());
        assertTrue(MAPPER.readTree(saved.get(0)).has("kv_transfer_time_ms"), saved.get(0));
    }

    private Map<String, Double> ttftMillisById() throws Exception {
        Map<String, Double> ttft = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("profile_export.jsonl"))) {
            JsonNode r = MAPPER.readTree(line);
            double millis = (r.path("chunk_arrival_ns").get(0).asLong()
                    - r.path("metadata").path("request_start_ns").asLong()) / 1e6;
            ttft.put(r.path("metadata").path("x_request_id").asText(), millis);
        }
        return ttft;
    }

    private Map<String, Integer> promptTokensById() throws Exception {
        Map<String, Integer> tokens = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("profile_export.jsonl"))) {
            JsonNode r = MAPPER.readTree(line);
            tokens.put(r.path("metadata").path("x_request_id").asText(), r.path("tokens").path("server_input").asInt());
        }
        return tokens;
    }

    @Test
    void theServerHistogramsAreReportedForTheMeasuredWindow() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        HttpServer metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metrics.createContext("/metrics", exchange -> {
            // every scrape sees 10 more TTFT observations of 0.02 s (all in the 0.025 bucket)
            int n = 10 * scrapes.incrementAndGet();
            String text = "# TYPE vllm:time_to_first_token_seconds histogram\n"
                    + "vllm:time_to_first_token_seconds_bucket{le=\"0.01\"} 0\n"
                    + "vllm:time_to_first_token_seconds_bucket{le=\"0.025\"} " + n + "\n"
                    + "vllm:time_to_first_token_seconds_bucket{le=\"+Inf\"} " + n + "\n"
                    + "vllm:time_to_first_token_seconds_sum " + (0.02 * n) + "\n"
                    + "vllm:time_to_first_token_seconds_count " + n + "\n";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        metrics.start();
        try {
            CliRun cli = CliRun.of("profile", "--emulate", "--streaming", "--concurrency", "2",
                    "--request-count", "4", "--warmup-request-count", "2", "--isl", "50", "--osl", "3",
                    "--server-metrics-url", "http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics",
                    "--server-metrics-interval", "3600", "--output-dir", dir.toString());
            assertEquals(0, cli.exitCode(), cli.err());
            assertEquals(2, scrapes.get(), "one scrape before the measured phase, one after (no sample in between)");

            JsonNode server = MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile()).path("server_metrics");
            JsonNode ttft = server.path("histograms").path("vllm:time_to_first_token_seconds");
            assertEquals(10, ttft.path("count").asInt(), server.toString());
            assertEquals(20.0, ttft.path("avg").asDouble(), 1e-9);
            assertTrue(ttft.path("p50").asDouble() > 10 && ttft.path("p50").asDouble() <= 25, ttft.toString());
            assertTrue(server.has("client_mean_ttft_minus_server_mean_ttft_ms"));
            assertTrue(cli.out().contains("vllm:time_to_first_token_seconds"), cli.out());
        } finally {
            metrics.stop(0);
        }
    }

    @Test
    void theEmulatorsOwnHistogramsCoverExactlyTheMeasuredRequests() throws Exception {
                int requests = 10;
        CliRun cli = CliRun.of("profile", "--emulate", "--mode", "disagg-decode-first", "--streaming",
                "--concurrency", "2", "--request-count", String.valueOf(requests), "--warmup-request-count", "4",
                "--isl", "100", "--osl", "5", "--prefill-tokens-per-sec", "100000", "--kv-transfer-ms", "12",
                "--decode-tokens-per-sec", "250", "--server-metrics-url", "/metrics", "--output-dir", dir.toString());
        assertEquals(0, cli.exitCode(), cli.err());

        JsonNode server = MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile()).path("server_metrics");
        JsonNode histograms = server.path("histograms");
        // the window starts after warmup: only the measured requests are in it
        assertEquals(requests, histograms.path("vllm:time_to_first_token_seconds").path("count").asInt(),
                server.toString());
        assertEquals(requests * 4, histograms.path("vllm:inter_token_latency_seconds").path("count").asInt());
        // decode-first TTFT = queue + prefill (1 ms for 100 tokens) + 12 ms transfer + 4 ms first step
        double serverTtft = histograms.path("vllm:time_to_first_token_seconds").path("avg").asDouble();
        double queue = histograms.path("vllm:request_queue_time_seconds").path("avg").asDouble();
        assertEquals(17.0 + queue, serverTtft, 0.1, server.toString());
        assertTrue(server.path("client_mean_ttft_minus_server_mean_ttft_ms").asDouble() > 0,
                "the client sees the first token after the server sends it: " + server);
    }

    @Test
    void anUnreachableMetricsEndpointIsANoteNotAFailedRun() throws Exception {
        CliRun cli = CliRun.of("profile", "--emulate", "--streaming", "--concurrency", "1", "--request-count", "2",
                "--isl", "20", "--osl", "3", "--server-metrics-url", "http://127.0.0.1:1/metrics",
                "--output-dir", dir.toString());

        assertEquals(0, cli.exitCode(), cli.err());
        JsonNode notes = MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile()).path("server_metrics").path("notes");
        assertTrue(notes.toString().contains("cannot scrape http://127.0.0.1:1/metrics"), notes.toString());
    }

    @Test
    void aBadMetricsUrlIsAUsageError() {
        CliRun cli = CliRun.of("profile", "--emulate", "--server-metrics-url", "ftp://x/metrics");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("--server-metrics-url"), cli.err());
    }
}
