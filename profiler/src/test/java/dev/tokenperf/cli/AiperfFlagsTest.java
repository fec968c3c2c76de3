package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** aiperf's flag names and forms, with aiperf's meanings. */
class AiperfFlagsTest {

    @Test
    void aiperfsAliasesSetTheSameRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("profile", "--emulate", "--quiet", "--model-names", "aliased-model",
                "--served-model-name", "aliased-model",
                "--num-warmup-requests", "2", "--request-timeout-seconds", "45", "--prefix-prompt-length", "8",
                "--num-prefix-prompts", "2", "--use-server-token-count", "--request-count", "3", "--isl", "32",
                "--osl", "4", "--output-artifact-dir", out.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());

        JsonNode config = CliRun.json(out.resolve("profile_export_aiperf.json")).path("input_config");
        assertEquals(2, config.path("loadgen").path("warmup_request_count").asInt(), config.toString());
        assertEquals(45.0, config.path("endpoint").path("request_timeout_s").asDouble(), config.toString());
        assertEquals(8, config.path("input").path("shared_prefix_tokens").asInt(), config.toString());
        assertEquals(2, config.path("input").path("num_prefix_prompts").asInt(), config.toString());
        assertEquals("aliased-model", config.path("endpoint").path("model_names").path(0).asText(), config.toString());
    }

    @Test
    void fixedScheduleAsASwitchReplaysTheInputFile(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("trace.jsonl"),
                "{\"timestamp\": 0, \"input_length\": 12, \"output_length\": 2}\n"
                        + "{\"timestamp\": 5, \"input_length\": 14, \"output_length\": 3}\n");
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("profile", "--emulate", "--quiet", "--fixed-schedule", "--input-file", trace.toString(),
                "--custom-dataset-type", "mooncake_trace", "--output-dir", out.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());

        JsonNode summary = CliRun.json(out.resolve("profile_export_aiperf.json"));
        assertEquals("fixed_schedule", summary.path("client_health").path("mode").asText());
        assertEquals(2, summary.path("request_count").path("avg").asInt());
    }

    @Test
    void fixedScheduleAsASwitchWithoutAnInputFileIsAUsageError() {
        CliRun run = CliRun.of("profile", "--emulate", "--quiet", "--fixed-schedule");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("--fixed-schedule without FILE replays --input-file, which is not given"),
                run.err());
    }

    @Test
    void waitForModelTimeoutRunsAgainstAReadyServerAndRejectsANonPositiveValue(@TempDir Path dir) throws Exception {
        CliRun ok = CliRun.of("profile", "--emulate", "--quiet", "--wait-for-model-timeout", "5", "--request-count",
                "2", "--isl", "16", "--osl", "2", "--output-dir", dir.resolve("out").toString());
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.err());

        CliRun bad = CliRun.of("profile", "--wait-for-model-timeout", "0");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("--wait-for-model-timeout") && bad.err().contains("must be > 0 seconds"),
                bad.err());
    }

    @Test
    void waitForModelTimeoutFailsTheRunWhenNothingAnswers(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port, "--model", "m", "--quiet",
                "--wait-for-model-timeout", "1", "--request-count", "1", "--output-dir", dir.toString());
        assertEquals(ExitCodes.RUN_FAILED, run.exitCode(), run.err());
        assertTrue(run.err().contains("/v1/models did not answer 2xx within 1.0 s (--wait-for-model-timeout)"),
                run.err());
    }
}
