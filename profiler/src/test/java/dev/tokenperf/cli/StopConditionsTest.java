package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Duration with a grace period, and the failed-request threshold. */
class StopConditionsTest {

    @Test
    void failedRequestThresholdAbortsWithExitOneAndWritesResults(@TempDir Path dir) throws Exception {
        // max_completion_tokens 0 makes the emulator answer HTTP 400 to every request
        CliRun run = CliRun.of("profile", "--emulate", "--quiet", "--concurrency", "2", "--request-count", "50",
                "--extra-inputs", "max_completion_tokens:0", "--failed-request-count-threshold", "3",
                "--output-dir", dir.toString());
        assertEquals(ExitCodes.RUN_FAILED, run.exitCode(), run.out());
        assertTrue(run.err().contains("--failed-request-count-threshold 3"), run.err());
        JsonNode stop = CliRun.json(dir.resolve("profile_export_aiperf.json")).path("stop");
        assertEquals("failed_request_threshold", stop.path("reason").asText());
        assertTrue(CliRun.json(dir.resolve("profile_export_aiperf.json")).path("error_request_count").path("avg").asInt() >= 3);
    }

    @Test
    void durationCutsRequestsStillInFlightAfterTheGracePeriod(@TempDir Path dir) throws Exception {
        // each response takes 1.5 s; send for 0.3 s with 0.2 s of grace: every request is still in flight
        CliRun run = CliRun.of("profile", "--emulate", "--quiet", "--streaming", "--request-rate", "20",
                "--arrival-pattern", "constant", "--benchmark-duration", "0.3", "--benchmark-grace-period", "0.2",
                "--osl", "2", "--ttft-ms", "1500", "--output-dir", dir.toString());
        JsonNode stop = CliRun.json(dir.resolve("profile_export_aiperf.json")).path("stop");
        assertEquals("benchmark_duration", stop.path("reason").asText());
        assertEquals(6, stop.path("cut_at_grace").asInt(), stop.toString());
        assertEquals(0, stop.path("finished_in_grace").asInt());
        assertEquals(ExitCodes.RUN_FAILED, run.exitCode(), "no request completed: " + run.err());
    }

    @Test
    void requestsEndingWithinTheGracePeriodAreCounted(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--quiet", "--streaming", "--request-rate", "20",
                "--arrival-pattern", "constant", "--benchmark-duration", "0.3", "--benchmark-grace-period", "10",
                "--osl", "2", "--ttft-ms", "400", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        assertEquals(6, summary.path("stop").path("finished_in_grace").asInt(), summary.path("stop").toString());
        assertEquals(0, summary.path("stop").path("cut_at_grace").asInt());
        assertEquals(6, (int) CliRun.stat(summary, "request_count", "avg"));
    }
}
