package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short runs of the Responses, Messages and embeddings APIs against the emulator, whose timing is the truth
 * (TTFT 40 ms, ITL 8 ms), with {@code ProfileEndToEndTest}'s tolerances: median TTFT within 5 ms of the truth plus
 * the emulator's own lateness, and never below the truth; median ITL within 0.5 ms plus its lateness. These runs
 * are short, without client warmup and in the test's JVM, so on a loaded machine the emulator (and the client
 * beside it) can stall for tens of milliseconds: the lateness added is the emulator's p99, not its median, which
 * on an idle machine is a fraction of a millisecond. A lifecycle event counted as a token would show as a TTFT
 * below the truth; a delta missed, as a wrong count of chunks. Token counts are exact: they come from each API's
 * usage events.
 */
class EndpointTypesEndToEndTest {
    private static final double TTFT_MS = 40;
    private static final double ITL_MS = 8;

    @ParameterizedTest
    @ValueSource(strings = {"responses", "messages"})
    @Timeout(60)
    void namedEventStreamsMeasureTheEmulatorsTiming(String type, @TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--endpoint-type", type, "--streaming", "--quiet",
                "--no-client-warmup", "--concurrency", "2", "--request-count", "6", "--isl", "16", "--osl", "8",
                "--ttft-ms", String.valueOf(TTFT_MS), "--itl-ms", String.valueOf(ITL_MS),
                "--prefill-us-per-token", "0", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        JsonNode late = summary.path("emulator_lateness");
        double ttftP50 = CliRun.stat(summary, "time_to_first_token", "p50");
        assertEquals(TTFT_MS, ttftP50, 5.0 + late.path("first_chunk").path("p99").asDouble(), late.toString());
        assertTrue(ttftP50 >= TTFT_MS - 0.5, "a first token cannot arrive before it is sent: " + ttftP50);
        assertEquals(ITL_MS, CliRun.stat(summary, "inter_token_latency", "p50"),
                0.5 + late.path("later_chunk").path("p99").asDouble(), late.toString());
        assertEquals(6, CliRun.stat(summary, "request_count", "avg"), 0);
        assertEquals(6 * 7, CliRun.stat(summary, "inter_chunk_latency", "count"), 0, "8 deltas per request");
        for (String stat : new String[] {"min", "max"}) {
            assertEquals(8, CliRun.stat(summary, "output_sequence_length", stat), 0, "usage output tokens");
            assertEquals(16, CliRun.stat(summary, "input_sequence_length", stat), 0, "usage input tokens");
        }
        assertEquals(type, summary.path("input_config").path("endpoint").path("type").asText());
    }

    @Test
    @Timeout(60)
    void embeddingsReportLatencyAndInputTokensWithoutTokenTiming(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--endpoint-type", "embeddings", "--batch-size", "3",
                "--quiet", "--no-client-warmup", "--concurrency", "2", "--request-count", "6", "--isl", "20",
                "--ttft-ms", String.valueOf(TTFT_MS), "--prefill-us-per-token", "0", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        double latencyP50 = CliRun.stat(summary, "request_latency", "p50");
        double lateP99 = summary.path("emulator_lateness").path("first_chunk").path("p99").asDouble();
        assertEquals(TTFT_MS, latencyP50, 5.0 + lateP99, "an embedding is due after the prefill");
        assertTrue(latencyP50 >= TTFT_MS - 0.5, "it cannot arrive before it is sent: " + latencyP50);
        assertEquals(6, CliRun.stat(summary, "request_count", "avg"), 0);
        assertEquals(60, CliRun.stat(summary, "input_sequence_length", "min"), 0, "3 texts of 20 tokens");
        assertEquals(60, CliRun.stat(summary, "input_sequence_length", "max"), 0);
        double duration = CliRun.stat(summary, "benchmark_duration", "avg");
        assertEquals(6 * 60 / duration, CliRun.stat(summary, "input_token_throughput", "avg"), 6 * 60 / duration * 1e-6);
        assertEquals(6 / duration, CliRun.stat(summary, "request_throughput", "avg"), 6 / duration * 1e-6);
        for (String absent : new String[] {"time_to_first_token", "inter_token_latency", "inter_chunk_latency",
                "output_sequence_length"}) {
            assertFalse(summary.has(absent), absent + " is absent, not zero");
        }
        assertEquals(3, summary.path("input_config").path("endpoint").path("batch_size").asInt());
    }

    @Test
    void embeddingsRefuseStreamingAndBatchesBelongToEmbeddings() {
        CliRun streamed = CliRun.of("profile", "--url", "http://127.0.0.1:1", "--model", "m", "--endpoint-type",
                "embeddings", "--streaming", "--request-count", "1");
        assertEquals(ExitCodes.USAGE, streamed.exitCode(), streamed.err());
        assertTrue(streamed.err().contains("--streaming does not apply to --endpoint-type embeddings"),
                streamed.err());
        CliRun batched = CliRun.of("profile", "--url", "http://127.0.0.1:1", "--model", "m", "--batch-size", "4",
                "--request-count", "1");
        assertEquals(ExitCodes.USAGE, batched.exitCode(), batched.err());
        assertTrue(batched.err().contains("--batch-size applies to --endpoint-type embeddings only"), batched.err());
    }
}
