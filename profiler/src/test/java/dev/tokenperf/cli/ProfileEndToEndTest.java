package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorTiming;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI against the emulator on 127.0.0.1, whose timing is the ground truth: TTFT 100 ms, ITL 10 ms.
 * The accuracy run happens in a child JVM (the product as users run it; the test JVM's paranoid leak
 * detection adds milliseconds per request). Tolerances: median TTFT within 5 ms of the truth: it includes
 * loopback transfer, request parsing and event-loop wake-up (about 0.5 ms alone), and at concurrency 32 the
 * closed loop keeps the requests in lock-step, so 32 first tokens fall due at once on one emulator thread and
 * one client loop (measured median bias 1.5 to 3 ms on 2 cores). The truth is the configured timing plus
 * the emulator's own account of how late it wrote (profile_export_aiperf.json's {@code emulator_lateness}): a late emulator is
 * a late server, which the profiler must show. Ten rounds of warmup first, so JIT compilation in the fresh JVM
 * does not land in the measured phase. Median ITL within 0.5 ms: the emulator's deadlines are absolute, so
 * wake-up jitter does not accumulate over a request.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hung CLI run fails the build instead of hanging it
class ProfileEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TTFT_MS = 100;
    private static final double ITL_MS = 10;
    private static EmulatorServer emulator;

    @BeforeAll
    static void startEmulator() throws InterruptedException {
        emulator = EmulatorServer.start(new EmulatorTiming((long) (TTFT_MS * 1e6), 0, (long) (ITL_MS * 1e6), 1, 64,
                "e2e-model"), 0, 1);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void streamingAtConcurrency32MeasuresTheEmulatorsTiming(@TempDir Path dir) throws Exception {
        CliRun run = CliProcess.run(120, "profile", "--emulate", "--ttft-ms", "100", "--itl-ms", "10",
                "--prefill-us-per-token", "0", "--served-model-name", "e2e-model", "--streaming",
                "--concurrency", "32", "--request-count", "96", "--warmup-request-count", "320", "--isl", "64",
                "--osl", "20", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.out());

        JsonNode summary = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        double ttftP50 = summary.path("time_to_first_token").path("p50").asDouble();
        double itlP50 = summary.path("inter_token_latency").path("p50").asDouble();
        JsonNode late = summary.path("emulator_lateness");
        assertEquals(96, late.path("first_chunks").asInt(), "the emulator accounts for the measured phase only");
        assertEquals(96 * 19, late.path("later_chunks").asInt());
        double firstLateP50 = late.path("first_chunk").path("p50").asDouble();
        double laterLateP50 = late.path("later_chunk").path("p50").asDouble();
        assertEquals(TTFT_MS + firstLateP50, ttftP50, 5.0, "median TTFT vs the emulator's truth: " + late);
        assertTrue(ttftP50 >= TTFT_MS - 0.5, "a first token cannot arrive before it is sent: " + ttftP50);
        assertEquals(ITL_MS, itlP50, 0.5 + laterLateP50, "median ITL vs the emulator's truth: " + late);
        assertEquals(ITL_MS, summary.path("time_to_second_token").path("p50").asDouble(), 2.0);
        assertEquals(1000 / ITL_MS, summary.path("output_token_throughput_per_user").path("p50").asDouble(), 5.0);
        assertEquals("ms", summary.path("time_to_first_token").path("unit").asText());
        assertEquals(96, summary.path("request_count").path("avg").asInt());
        assertEquals(0, summary.path("error_request_count").path("avg").asInt());
        assertEquals(20, summary.path("output_sequence_length").path("avg").asInt(), "usage.completion_tokens");
        assertEquals(64, summary.path("input_sequence_length").path("avg").asInt(), "usage.prompt_tokens");
        assertEquals("e2e-model", summary.path("input_config").path("endpoint").path("model_names").get(0).asText(),
                "the model comes from GET /v1/models");
        for (String key : List.of("avg", "min", "max", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99",
                "p99.9", "std")) {
            assertTrue(summary.path("request_latency").has(key), "aiperf schema key " + key);
        }

        List<String> lines = Files.readAllLines(dir.resolve("profile_export.jsonl"));
        assertEquals(96 + 320, lines.size(), "one line per request, warmup included");
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            ids.add(record.path("metadata").path("x_request_id").asText());
            assertEquals(20, record.path("chunk_arrival_ns").size());
            assertTrue(record.path("error").isNull());
        }
        assertEquals(96 + 320, ids.size(), "request ids are unique");
        assertTrue(Files.readString(dir.resolve("profile_export_aiperf.csv")).startsWith("Metric,avg,min,max,p1"));
        assertTrue(run.out().contains("Time to First Token (ms)"), run.out());
        assertTrue(run.out().contains("emulator lateness (its own, measured phase): first chunks mean"), run.out());
    }

    @Test
    void nonStreamingRecordsLatencyAndLeavesTtftAbsent(@TempDir Path dir) throws Exception {
        // truth: 20 ms + 4 x 2 ms = 28 ms per request
        CliRun run = CliProcess.run(120, "profile", "--emulate", "--ttft-ms", "20", "--itl-ms", "2",
                "--prefill-us-per-token", "0", "--model", "e2e-model", "--endpoint-type", "completions",
                "--concurrency", "4", "--request-count", "40", "--warmup-request-count", "100", "--isl", "16",
                "--osl", "5", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.out());
        JsonNode summary = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        assertFalse(summary.has("time_to_first_token"));
        assertFalse(summary.has("inter_token_latency"));
        double truth = 20 + 4 * 2;
        // a whole response is the emulator's first chunk: its own lateness in writing it widens the bound
        JsonNode late = summary.path("emulator_lateness").path("first_chunk");
        double p50 = summary.path("request_latency").path("p50").asDouble();
        assertEquals(truth, p50, 3.0 + late.path("p99").asDouble(), late.toString());
        assertTrue(p50 >= truth - 0.5, "a response cannot arrive before it is sent: " + p50);
        assertEquals(5, summary.path("output_sequence_length").path("avg").asInt());
    }

    @Test
    void warmupRequestsAreRecordedButExcludedFromStatistics(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("profile", "--url", emulator.url(), "--streaming", "--endpoint-type", "completions",
                "--concurrency", "2", "--request-count", "4", "--warmup-request-count", "3", "--isl", "8",
                "--osl", "3", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        assertEquals(4, summary.path("request_count").path("avg").asInt());
        assertEquals(4, summary.path("time_to_first_token").path("count").asInt());
        long warmup = Files.readAllLines(dir.resolve("profile_export.jsonl")).stream()
                .filter(l -> l.contains("\"benchmark_phase\":\"warmup\"")).count();
        assertEquals(3, warmup);
    }

    @Test
    void secretsNeverReachOutputs(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("profile", "--url", emulator.url(), "--streaming", "--concurrency", "1",
                "--request-count", "2", "--isl", "8", "--osl", "2", "--api-key", "sk-SECRET-123",
                "-H", "X-Team-Token: tok-SECRET-456", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        String everything = run.out() + run.err() + Files.readString(dir.resolve("profile_export_aiperf.json"))
                + Files.readString(dir.resolve("profile_export_aiperf.csv")) + Files.readString(dir.resolve("profile_export.jsonl"));
        assertFalse(everything.contains("SECRET"), "no secret in outputs");
        assertTrue(Files.readString(dir.resolve("profile_export_aiperf.json")).contains("X-Team-Token: <redacted>"));
    }
}
