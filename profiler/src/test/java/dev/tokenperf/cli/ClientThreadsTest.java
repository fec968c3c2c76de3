package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code --client-threads 1} runs the whole client on one event loop: every request of a closed loop at
 * concurrency 4 still completes, and the result says how many loops measured it.
 */
class ClientThreadsTest {

    @Test
    void oneEventLoopServesEveryStreamAndIsRecorded(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--quiet", "--client-threads", "1",
                "--concurrency", "4", "--request-count", "24", "--isl", "8", "--osl", "4", "--ttft-ms", "5",
                "--itl-ms", "1", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode summary = CliRun.json(dir.resolve("summary.json"));
        assertEquals(1, summary.path("input_config").path("loadgen").path("client_threads").asInt());
        assertEquals(24, CliRun.stat(summary, "request_count", "avg"), 0);
        assertEquals(0, CliRun.stat(summary, "error_request_count", "avg"), 0);
    }
}
