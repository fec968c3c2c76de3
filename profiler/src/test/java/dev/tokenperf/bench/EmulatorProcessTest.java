package dev.tokenperf.bench;

import dev.tokenperf.wire.EmulatorLateness;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulatorProcessTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The child runs with the given arguments (its model name is the one passed), its lateness counts exactly
     * the chunks of the one stream sent to it, its CPU time is in nanoseconds, and it is gone after close.
     */
    @Test
    void theChildServesWithItsArgumentsReportsItsCpuAndStopsWhenClosed() throws Exception {
        long startedNanos = System.nanoTime();
        EmulatorProcess child = EmulatorProcess.start(List.of("--ttft-ms", "1", "--itl-ms", "1",
                "--tokens-per-chunk", "1", "--served-model-name", "child-under-test"), null,
                new PrintWriter(new StringWriter()));
        try {
            EmulatorProbe probe = new EmulatorProbe(child.url(), child::cpuNanos);
            HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create(child.url() + "/v1/models"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, models.statusCode());
            assertTrue(models.body().contains("\"child-under-test\""), models.body());

            EmulatorLateness before = probe.lateness();
            assertNotNull(before, "the child answers " + EmulatorLateness.PATH);
            HttpResponse<String> stream = HTTP.send(HttpRequest.newBuilder(
                            URI.create(child.url() + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"child-under-test\",\"stream\":true,"
                            + "\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stream.statusCode(), stream.body());
            EmulatorLateness served = probe.lateness().minus(before);
            assertEquals(1, served.firstChunkNanos().getTotalCount(), "one stream: one first chunk");
            assertEquals(3, served.laterChunksNanos().getTotalCount(), "four tokens, one per chunk");

            // a JVM that started and served uses far more than 50 ms of CPU, and no more than its cores allow
            long cpu = probe.cpuNanos();
            long wall = System.nanoTime() - startedNanos;
            assertTrue(cpu > TimeUnit.MILLISECONDS.toNanos(50), "child CPU " + cpu + " ns");
            assertTrue(cpu <= wall * Runtime.getRuntime().availableProcessors(),
                    "child CPU " + cpu + " ns in " + wall + " ns of wall time");
        } finally {
            child.close();
        }
        assertNull(new EmulatorProbe(child.url(), null).lateness(), "the child is gone after close");
    }

    @Test
    void aChildThatCannotStartFailsWithItsOutput() {
        Exception e = assertThrows(java.io.IOException.class, () -> EmulatorProcess.start(
                List.of("--itl-ms", "-1"), null, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("did not start"), e.getMessage());
        // the child's own one-line usage error (not just the command line, which also names the flag)
        assertTrue(e.getMessage().contains("exited before serving: tokenperf: --itl-ms must be between 0 and "
                + "3600000 ms, got -1"), e.getMessage());
    }
}
