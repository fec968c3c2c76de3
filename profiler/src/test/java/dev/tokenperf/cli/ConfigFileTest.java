package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -f/--config}: the run as YAML in aiperf's shape, command-line flags overriding it. */
class ConfigFileTest {

    @Test
    void aYamlRunInAiperfsShapeRunsAndAFlagOverridesIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path yaml = Files.writeString(dir.resolve("run.yaml"), """
                endpoint:
                  streaming: true
                input:
                  prompt:
                    input_tokens:
                      mean: 24
                    output_tokens:
                      mean: 3
                loadgen:
                  concurrency: 2
                  request_count: 5
                  warmup_request_count: 1
                output:
                  artifact_directory: %s
                """.formatted(out));
        CliRun run = CliRun.of("profile", "--emulate", "--quiet", "-f", yaml.toString(), "--request-count", "3");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());

        JsonNode summary = CliRun.json(out.resolve("profile_export_aiperf.json"));
        JsonNode config = summary.path("input_config");
        assertEquals(3, summary.path("request_count").path("avg").asInt(), "the flag wins over the file's 5");
        assertEquals(24, config.path("input").path("isl").asInt(), config.toString());
        assertEquals(2, config.path("loadgen").path("concurrency").asInt(), config.toString());
        assertEquals(1, config.path("loadgen").path("warmup_request_count").asInt(), config.toString());
        assertTrue(config.path("endpoint").path("streaming").asBoolean(), config.toString());
    }

    @Test
    void anUnknownKeyIsAOneLineUsageErrorNamingIt(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "loadgen:\n  concurrncy: 2\n");
        CliRun run = CliRun.of("profile", "--config", yaml.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("-f/--config " + yaml + ": unknown key 'loadgen.concurrncy' (no flag --concurrncy)"),
                run.err());
    }
}
