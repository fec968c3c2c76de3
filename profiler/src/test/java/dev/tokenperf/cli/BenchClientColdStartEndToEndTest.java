package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smallest {@code bench-client --cold-start}: one fresh {@code profile} process (started with {@code java}
 * and the launcher's options: no launcher script, so no priming run) of two requests against the emulator in a child JVM, without the client warmup to keep it short. Its row
 * holds the process's own readings and what it measured; the figures themselves are not judged here.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hung child fails the build instead of hanging it
class BenchClientColdStartEndToEndTest {

    @Test
    void oneCaseWritesItsRowAndTheProcessResult(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("bench-client", "--cold-start", "--cold-start-cases", "c1", "--cold-start-requests",
                "2", "--cold-start-flag=--no-client-warmup", "--isl", "8", "--osl", "4", "--ttft-ms", "5",
                "--itl-ms", "1", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());

        JsonNode row = CliRun.json(dir.resolve("cold-start.json")).path("rows").path(0);
        assertEquals("c1", row.path("case").asText(), row.toString());
        assertEquals(2, row.path("requests").asInt(), row.toString());
        assertEquals(8, row.path("chunks").asInt(), "2 requests of 4 one-token chunks");
        assertTrue(row.path("launch_to_first_request_ms").asDouble() > 0, row.toString());
        assertTrue(row.path("client_warmup_ms").isNull(), "--cold-start-flag reached the process");
        assertTrue(row.path("measured_window_cpu_ms").isNumber(), row.toString());
        assertTrue(row.path("first_request_ttft_bias_ms").isNumber(), row.toString());
        assertTrue(row.path("server_ttft_lateness_p50_ms").isNumber(), "the child emulator reports its lateness");
        assertTrue(Files.exists(dir.resolve("cold-start/c1-1/profile_export_aiperf.json")));
    }

    @Test
    void anUnknownCaseIsAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.of("bench-client", "--cold-start", "--cold-start-cases", "c7", "--output-dir",
                dir.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--cold-start-cases: unknown case 'c7'"), run.err());
    }
}
