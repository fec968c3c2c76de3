package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short {@code bench-client} run with the emulator in a child JVM writes every part of {@code bench.json}: the
 * machine, both bias steps, one step of each search (every request answered) and a heap profile whose requests
 * all completed against the child's delay-free emulator. Figures are not judged here; they belong to the README.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hung CLI run fails the build instead of hanging it
class BenchClientEndToEndTest {

    @Test
    void writesEveryPartOfTheReport(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("bench-client", "--emulator-process", "--step-duration", "0.3", "--concurrency-steps",
                "2", "--rate-steps", "20", "--bias-concurrency", "1,2", "--heap-requests", "300", "--osl", "4",
                "--ttft-ms", "5", "--itl-ms", "1", "--client-threads", "1", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());

        JsonNode bench = CliRun.json(dir.resolve("bench.json"));
        assertTrue(bench.path("machine").path("emulator").asText().startsWith("child JVM"), bench.toString());
        assertEquals(1, bench.path("machine").path("client_threads").asInt());
        for (JsonNode step : new JsonNode[] {bench.path("bias_low"), bench.path("bias_high"),
                bench.path("concurrency_search").path(0), bench.path("rate_search").path(0)}) {
            assertTrue(step.path("requests").asLong() > 0, step.toString());
            assertEquals(0, step.path("errors").asLong(), step.toString());
            assertTrue(step.path("ttft_bias_p50_ms").isNumber(), step.toString());
            assertTrue(step.path("server_ttft_lateness_p50_ms").isNumber(), "the child reports its lateness");
        }
        JsonNode heap = bench.path("heap").path(0);
        assertEquals(300, heap.path("requests").asInt(), heap.toString());
        assertTrue(heap.path("during_run").size() > 0, heap.toString());
    }
}
