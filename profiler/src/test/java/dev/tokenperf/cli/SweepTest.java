package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A list of load values runs one benchmark per value and writes a sweep table beside their results. */
class SweepTest {

    @Test
    void concurrencyListWritesOneResultPerValueAndASweepTable(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--quiet", "--concurrency", "1,3",
                "--request-count", "6", "--isl", "16", "--osl", "3", "--ttft-ms", "2", "--itl-ms", "1",
                "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String value : new String[] {"1", "3"}) {
            JsonNode summary = CliRun.json(dir.resolve("concurrency_" + value).resolve("profile_export_aiperf.json"));
            assertEquals(Integer.parseInt(value), summary.path("input_config").path("loadgen").path("concurrency").asInt());
            assertEquals(6, (int) CliRun.stat(summary, "request_count", "avg"));
        }
        JsonNode sweep = CliRun.json(dir.resolve("sweep.json"));
        assertEquals("concurrency", sweep.path("parameter").asText());
        assertEquals(2, sweep.path("points").size());
        assertEquals("concurrency_3", sweep.path("points").get(1).path("dir").asText());
        assertTrue(sweep.path("points").get(0).path("ttft_p90_ms").isNumber());
        assertEquals(3, Files.readAllLines(dir.resolve("sweep.csv")).size());
        assertTrue(run.out().contains("knee:"), run.out());
    }

    @Test
    void rateListSweepsTheRate(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--quiet", "--request-rate", "20,40", "--request-count", "5",
                "--isl", "16", "--osl", "2", "--ttft-ms", "2", "--itl-ms", "1", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(dir.resolve("request_rate_20").resolve("profile_export_aiperf.json")));
        assertTrue(Files.exists(dir.resolve("request_rate_40").resolve("profile_export_aiperf.json")));
        assertEquals(40.0, CliRun.json(dir.resolve("request_rate_40").resolve("profile_export_aiperf.json"))
                .path("input_config").path("loadgen").path("request_rate").asDouble());
    }
}
