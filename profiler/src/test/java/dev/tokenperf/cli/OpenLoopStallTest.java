package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coordinated omission, end to end: a constant 40 req/s with at most one request in flight, against an
 * emulator whose 40th request stalls for 2 s. A request takes about 10 ms, so while the stalled one is held
 * about 80 requests fall due and queue; they are sent late and answered at normal speed. Of 160 requests
 * one has a 2 s service latency, so the service p99 (rank 159 of 160) is a normal request, while over a
 * hundred queued requests carry the stall in their response latency. Thresholds (response p99 above
 * 1.5 s, service p99 below 1 s, schedule lag p99 above 1 s) leave room for a loaded machine.
 */
class OpenLoopStallTest {

    @Test
    void responseLatencyShowsTheStallServiceLatencyDoesNot(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--quiet", "--request-rate", "40",
                "--arrival-pattern", "constant", "--concurrency", "1", "--request-count", "160", "--isl", "16",
                "--osl", "4", "--ttft-ms", "5", "--itl-ms", "1", "--stall-at-request", "40", "--stall-ms", "2000",
                "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        assertEquals(160, (int) CliRun.stat(summary, "request_count", "avg"));
        double responseP99 = CliRun.stat(summary, "response_request_latency", "p99");
        double serviceP99 = CliRun.stat(summary, "request_latency", "p99");
        double serviceMax = CliRun.stat(summary, "request_latency", "max");
        assertTrue(responseP99 > 1500, "response latency p99 " + responseP99 + " ms shows the 2 s stall");
        assertTrue(serviceP99 < 1000, "service latency p99 " + serviceP99 + " ms does not");
        assertTrue(serviceMax > 1900, "the stalled request itself took the stall: " + serviceMax + " ms");
        assertTrue(CliRun.stat(summary, "schedule_lag", "p99") > 1000, "the queue's lag is reported");
        assertTrue(CliRun.stat(summary, "response_time_to_first_token", "p99")
                > CliRun.stat(summary, "time_to_first_token", "p99") + 1000);

        JsonNode health = summary.path("client_health");
        assertEquals("request_rate", health.path("mode").asText());
        assertTrue(health.path("schedule_lag_p99_ms").asDouble() > 1000, health.toString());
        assertTrue(health.path("concurrency_capped").asBoolean());
        assertTrue(run.out().contains("client health:"), run.out());
    }
}
