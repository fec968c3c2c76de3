package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --concurrency} caps an open loop: 40 requests due at 200/s, each taking about 30 ms, need about six
 * in flight; capped at two, no more than two are ever in flight, the rest queue, and their wait shows as
 * schedule lag (at least the 130 ms the queue needs to build up by the last request, far above any jitter).
 */
class OpenLoopCapTest {

    @Test
    void neverMoreInFlightThanTheCapAndTheQueueShowsAsLag(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--quiet", "--request-rate", "200",
                "--arrival-pattern", "constant", "--concurrency", "2", "--request-count", "40", "--isl", "8",
                "--osl", "3", "--ttft-ms", "25", "--itl-ms", "1", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        List<long[]> events = new ArrayList<>();
        for (JsonNode r : CliRun.jsonLines(dir.resolve("profile_export.jsonl"))) {
            events.add(new long[] {r.path("metadata").path("request_start_ns").asLong(), 1});
            events.add(new long[] {r.path("metadata").path("request_end_ns").asLong(), -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int inFlight = 0;
        int most = 0;
        for (long[] e : events) {
            inFlight += (int) e[1];
            most = Math.max(most, inFlight);
        }
        assertEquals(2, most, "requests in flight at once");

        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        assertTrue(CliRun.stat(summary, "schedule_lag", "max") > 130, "queued requests are late");
        assertTrue(summary.path("client_health").path("max_open_connections").asInt() <= 2);
    }
}
