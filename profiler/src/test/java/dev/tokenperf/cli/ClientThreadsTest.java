package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code --client-threads N} runs the client on N event loops: with at least as many connections as loops (a
 * closed loop at concurrency 4 opens four), Netty registers them round robin, so exactly N loops carry one, and
 * every request still completes.
 */
class ClientThreadsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void theRunUsesExactlyTheGivenEventLoops(int threads, @TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--quiet", "--client-threads",
                Integer.toString(threads), "--concurrency", "4", "--request-count", "24", "--isl", "8", "--osl", "4",
                "--ttft-ms", "5", "--itl-ms", "1", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        JsonNode loadgen = summary.path("input_config").path("loadgen");
        assertEquals(threads, loadgen.path("client_threads").asInt());
        assertEquals(threads, loadgen.path("client_event_loops_used").asInt(), loadgen.toString());
        assertEquals(24, CliRun.stat(summary, "request_count", "avg"), 0);
        assertEquals(0, CliRun.stat(summary, "error_request_count", "avg"), 0);
    }
}
