package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short run against the emulator serving a reasoning model (50 reasoning tokens, then 20 answer tokens, in
 * either delta field): the token counts come out exact and TTFO is reported. The TTFO - TTFT arithmetic is
 * {@code RequestTraceReasoningTest}'s, on a scripted clock: here a loaded machine may read a whole stream in one
 * late read, stamping reasoning and answer alike, so only TTFO >= TTFT holds whatever the load.
 */
class ReasoningEndToEndTest {
    @ParameterizedTest
    @ValueSource(strings = {"reasoning_content", "reasoning"})
    @Timeout(60)
    void reasoningTokensAreOutputTokensReportedApart(String field, @TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--quiet", "--concurrency", "2",
                "--request-count", "6", "--isl", "8", "--osl", "70", "--ttft-ms", "5", "--itl-ms",
                "1", "--reasoning-tokens", "50", "--reasoning-field", field,
                "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        assertEquals(6, CliRun.stat(summary, "request_count", "avg"), 0);
        for (String stat : new String[] {"min", "max"}) {
            assertEquals(70, CliRun.stat(summary, "output_sequence_length", stat), 0, "OSL includes reasoning");
            assertEquals(50, CliRun.stat(summary, "reasoning_token_count", stat), 0);
            assertEquals(20, CliRun.stat(summary, "output_token_count", stat), 0, "answer tokens");
        }
        assertTrue(CliRun.stat(summary, "time_to_first_output_token", "max")
                >= CliRun.stat(summary, "time_to_first_token", "max"), "the answer comes after the reasoning");
    }
}
