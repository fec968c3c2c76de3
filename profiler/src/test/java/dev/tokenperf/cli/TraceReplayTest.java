package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trace replay keeps the trace's times: every request's intended start is the phase start plus its
 * timestamp offset divided by the speedup (exact to 1 us of rounding), and it is actually sent within
 * {@value #TOLERANCE_MILLIS} ms of that (generous: the machine running the suite is a loaded 2-core box;
 * the bench measures the real lag). A short warmup first takes the JVM's cold start (class loading, JIT)
 * out of the replay, as users are told to do.
 */
class TraceReplayTest {
    private static final long TOLERANCE_MILLIS = 50;

    @Test
    void sendsEachRequestAtItsTimestamp(@TempDir Path dir) throws Exception {
        double[] timestamps = {1000, 1010, 1011, 1150, 1300, 1302, 1304, 1600, 1610, 1900, 2100, 2105};
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < timestamps.length; i++) {
            String key = i % 2 == 0 ? "timestamp_ms" : "timestamp";
            trace.append("{\"" + key + "\": " + timestamps[i] + ", \"input_length\": " + (10 + i)
                    + ", \"output_length\": " + (2 + i % 3) + ", \"hash_ids\": [1, 2]}\n");
        }
        Path file = dir.resolve("trace.jsonl");
        Files.writeString(file, trace);
        Path out = dir.resolve("out");

        // a child JVM, as the launcher runs it: the test JVM's paranoid leak detection would add send lag
        CliRun run = CliProcess.run(120, "profile", "--emulate", "--streaming", "--quiet", "--fixed-schedule", file.toString(),
                "--fixed-schedule-speedup", "2", "--warmup-request-count", "4", "--ttft-ms", "2", "--itl-ms", "1", "--output-dir", out.toString());
        assertEquals(0, run.exitCode(), run.out());

        List<JsonNode> records = CliRun.jsonLines(out.resolve("profile_export.jsonl")).stream()
                .filter(r -> r.path("metadata").path("benchmark_phase").asText().equals("profiling")).toList();
        assertEquals(timestamps.length, records.size());
        long[] intended = new long[timestamps.length];
        for (JsonNode r : records) {
            JsonNode meta = r.path("metadata");
            int index = meta.path("session_num").asInt();
            intended[index] = meta.path("request_intended_start_ns").asLong();
            long lagNanos = meta.path("request_start_ns").asLong() - intended[index];
            assertTrue(lagNanos >= 0 && lagNanos < TOLERANCE_MILLIS * 1_000_000,
                    "request " + index + " sent " + lagNanos / 1e6 + " ms after its timestamp");
            assertEquals(10 + index, r.path("tokens").path("requested_input").asInt());
        }
        for (int i = 1; i < timestamps.length; i++) {
            long expected = Math.round((timestamps[i] - timestamps[0]) * 1e6 / 2);
            assertEquals(expected, intended[i] - intended[0], 1_000, "intended offset of request " + i);
        }
        JsonNode summary = CliRun.json(out.resolve("profile_export_aiperf.json"));
        assertEquals("fixed_schedule", summary.path("client_health").path("mode").asText());
        assertEquals("schedule_end", summary.path("stop").path("reason").asText());
    }
}
