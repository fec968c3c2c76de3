package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * issue 12's "Done when": {@code --slice-duration 2 --benchmark-duration 10} gives five slices, and a server stall in
 * slice 3 shows in that slice only. A constant 5 req/s sends request k at (k - 1) * 0.2 s, so the emulator's 23rd
 * request, which it holds 2 s before its first token, starts at 4.4 s: in the third slice, 0.4 s from either edge.
 * Emulator truth: that request's TTFT is at least the 2 s hold, and no other request is held at all.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TimeSliceStallTest {
    private static final double STALL_MS = 2000;

    @Test
    void fiveSlicesAndTheStallInTheThirdOnly(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--quiet", "--no-client-warmup",
                "--request-rate", "5", "--arrival-pattern", "constant", "--benchmark-duration", "10",
                "--slice-duration", "2", "--num-warmup-requests", "0", "--isl", "16", "--osl", "4", "--ttft-ms", "5",
                "--itl-ms", "1", "--stall-at-request", "23", "--stall-ms", String.valueOf((int) STALL_MS),
                "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode slices = CliRun.json(dir.resolve("profile_export_aiperf_timeslices.json")).path("timeslices");
        assertEquals(5, slices.size(), slices.toString());
        long requests = 0;
        for (JsonNode slice : slices) {
            int index = slice.path("timeslice_index").asInt();
            assertFalse(slice.path("empty").asBoolean(), "a request starts every 0.2 s: slice " + index);
            requests += slice.path("request_count").path("avg").asLong();
            double ttftMax = slice.path("time_to_first_token").path("max").asDouble();
            if (index == 2) {
                assertTrue(ttftMax >= STALL_MS, "the stalled request's TTFT includes the hold: " + ttftMax + " ms");
            } else {
                assertTrue(ttftMax < STALL_MS, "slice " + index + " has no stall: TTFT max " + ttftMax + " ms");
            }
        }
        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        assertEquals((long) CliRun.stat(summary, "request_count", "avg"), requests, "every request is in one slice");

        // histograms.hlog: one TTFT interval per slice, and only the third holds the stall
        HistogramLogReader hlog = new HistogramLogReader(dir.resolve("histograms.hlog").toFile());
        int ttftIntervals = 0;
        EncodableHistogram h;
        while ((h = hlog.nextIntervalHistogram()) != null) {
            if ("time_to_first_token".equals(h.getTag())) {
                boolean stalled = h.getMaxValueAsDouble() >= STALL_MS * 1e6;
                assertEquals(ttftIntervals == 2, stalled, "interval " + ttftIntervals);
                ttftIntervals++;
            }
        }
        hlog.close();
        assertEquals(5, ttftIntervals);
    }
}
