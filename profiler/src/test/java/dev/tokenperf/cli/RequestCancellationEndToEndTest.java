package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --request-cancellation-rate 30} over 200 requests: the client closes 30% of them mid-stream, records
 * them as cancelled with what arrived, apart from errors and latency statistics, and the emulator, which stops
 * generating for a closed stream, counts the same number of aborted requests. Responses take two seconds of
 * emulator time and cancellation comes 100 ms after the send, so every chosen request is still streaming when
 * closed unless the emulator stalls for most of two seconds (it would then write the rest at once and finish).
 */
class RequestCancellationEndToEndTest {
    private static final int REQUESTS = 200;
    private static final int OSL = 400;

    @Test
    @Timeout(120)
    void theServerSeesEveryCancellation(@TempDir Path dir) throws Exception {
        try (EmulatorServer emulator = EmulatorServer.start(new EmulatorTiming(20_000_000L, 0, 5_000_000L, 1, OSL,
                "m"), 0, 1)) {
            CliRun run = CliRun.of("profile", "--url", emulator.url(), "--model", "m", "--streaming", "--quiet",
                    "--concurrency", "32", "--request-count", Integer.toString(REQUESTS), "--isl", "8", "--osl",
                    Integer.toString(OSL), "--request-cancellation-rate", "30", "--request-cancellation-delay", "0.1",
                    "--output-dir", dir.toString());
            assertEquals(0, run.exitCode(), run.err());

            JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
            double cancelled = CliRun.stat(summary, "cancelled_request_count", "avg");
            assertEquals(0.30 * REQUESTS, cancelled, 0.07 * REQUESTS, "30% +- 7% cancelled");
            assertEquals(0, CliRun.stat(summary, "error_request_count", "avg"), 0, "cancellations are not errors");
            assertEquals(REQUESTS - cancelled, CliRun.stat(summary, "request_count", "avg"), 0);
            assertEquals(REQUESTS - cancelled, CliRun.stat(summary, "request_latency", "count"), 0,
                    "latency statistics leave the cancelled requests out");

            List<JsonNode> records = CliRun.jsonLines(dir.resolve("profile_export.jsonl"));
            long recordedCancelled = records.stream()
                    .filter(r -> "request_cancelled".equals(r.path("error").path("type").asText())).count();
            assertEquals((long) cancelled, recordedCancelled);
            assertTrue(records.stream().filter(r -> r.path("error").isObject())
                    .allMatch(r -> r.path("chunk_arrival_ns").size() < OSL), "cancelled with what arrived before");

            // a request the client closed before the server had read it (the event loop behind on a loaded
            // machine, the reset discarding the unread bytes) was never the server's to abort; one whose first
            // chunk arrived certainly was
            long seenByServer = records.stream().filter(r -> "request_cancelled".equals(r.path("error").path("type")
                    .asText()) && r.path("chunk_arrival_ns").size() > 0).count();
            long aborted = awaitAborted(emulator, (long) cancelled);
            assertTrue(aborted >= seenByServer && aborted <= cancelled, "the server saw each one it received: "
                    + aborted + " aborted, " + seenByServer + " received, " + (long) cancelled + " cancelled");
        }
    }

    /**
     * The emulator's aborted-request counter once it reaches {@code expected}, or its value after 10 s: it counts a
     * closed stream when that stream's next token falls due, a few milliseconds after the client closed it.
     */
    private static long awaitAborted(EmulatorServer emulator, long expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.url() + "/metrics")).build();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String text = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            long aborted = text.lines().filter(l -> l.startsWith("vllm:request_success_total{")
                            && l.contains("finished_reason=\"abort\""))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            if (aborted >= expected || System.nanoTime() > deadline) {
                return aborted;
            }
            Thread.sleep(20);
        }
    }
}
