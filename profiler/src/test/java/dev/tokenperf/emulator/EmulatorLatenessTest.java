package dev.tokenperf.emulator;

import dev.tokenperf.wire.EmulatorLateness;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulatorLatenessTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aStreamRecordsOneFirstChunkAndTheRestAsLaterChunksAndTheRouteServesThem() throws Exception {
        try (EmulatorServer server = EmulatorServer.start(new EmulatorTiming(2_000_000, 0, 1_000_000, 2, 16, "m"), 0,
                1)) {
            EmulatorLateness before = fetch(server);
            String body = "{\"model\":\"m\",\"stream\":true,\"max_tokens\":7,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi\"}]}";
            HttpResponse<String> stream = HTTP.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/v1/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stream.statusCode());

            EmulatorLateness late = fetch(server).minus(before);

            assertEquals(1, late.firstChunkNanos().getTotalCount());
            assertEquals(3, late.laterChunksNanos().getTotalCount(), "7 tokens, 2 per chunk: 4 chunks");
            // a timer wakes up after its due time, never before; seconds late would be a broken clock
            assertTrue(late.firstChunkNanos().getMaxValue() < 1_000_000_000L, late.toJson());
        }
    }

    @Test
    void theWireFormRoundTrips() throws Exception {
        EmulatorStats stats = new EmulatorStats();
        stats.chunkWritten(true, 1_500_000);
        stats.chunkWritten(false, 20_000);
        stats.chunkWritten(false, -5); // early is recorded as on time

        EmulatorLateness read = EmulatorLateness.fromJson(stats.lateness().toJson());

        assertEquals(1, read.firstChunkNanos().getTotalCount());
        assertEquals(1_500_000, read.firstChunkNanos().getMaxValue(), 15_000);
        assertEquals(2, read.laterChunksNanos().getTotalCount());
        assertEquals(0, read.laterChunksNanos().getMinValue());
    }

    private static EmulatorLateness fetch(EmulatorServer server) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + EmulatorLateness.PATH))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return EmulatorLateness.fromJson(r.body());
    }
}
