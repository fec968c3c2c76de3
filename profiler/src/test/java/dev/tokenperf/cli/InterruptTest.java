package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorTiming;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C (SIGINT) during a run writes the results so far, with the in-flight requests marked cancelled. */
class InterruptTest {

    @Test
    void interruptWritesResultsSoFar(@TempDir Path dir) throws Exception {
        // each request streams for about 10 s, so all 4 are in flight when the signal arrives
        try (EmulatorServer emulator = EmulatorServer.start(new EmulatorTiming(0, 0, 50_000_000L, 1, 200, "m"), 0, 1)) {
            Process process = CliProcess.start("profile", "--url", emulator.url(), "--model", "m", "--streaming",
                    "--concurrency", "4", "--request-count", "8", "--isl", "8", "--osl", "200",
                    "--output-dir", dir.toString());
            awaitStreams(emulator, 4, process);
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process exits after Ctrl-C");
            assertTrue(output.contains("run interrupted"), output);
        }
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("profile_export_aiperf.json").toFile());
        assertTrue(summary.path("was_cancelled").asBoolean(), summary.toString());
        List<String> records = Files.readAllLines(dir.resolve("profile_export.jsonl"));
        assertEquals(4, records.size(), "the 4 in-flight requests, and nothing sent after the signal");
        for (String record : records) {
            assertTrue(record.contains("\"type\":\"cancelled\""), record);
        }
        assertEquals(4, summary.path("error_request_count").path("avg").asInt());
    }

    /** Waits (bounded) until the emulator is writing {@code n} streams, i.e. the requests are in flight. */
    private static void awaitStreams(EmulatorServer emulator, int n, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (emulator.stats().activeStreams() < n) {
            assertTrue(process.isAlive(), "the profiler exited early");
            assertTrue(System.nanoTime() < deadline, "requests never reached the emulator");
            Thread.sleep(10);
        }
    }
}
