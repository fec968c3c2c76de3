package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** aiperf's names for the result directory, and aiperf's file names in it. */
class AiperfArtifactsTest {

    @Test
    void artifactDirAndOutputArtifactDirAreOutputDir(@TempDir Path dir) throws Exception {
        for (String flag : List.of("--artifact-dir", "--output-artifact-dir")) {
            Path out = dir.resolve(flag.substring(2));
            CliRun run = CliRun.of("profile", "--emulate", "--quiet", "--streaming", "--concurrency", "2",
                    "--request-count", "4", "--isl", "16", "--osl", "4", flag, out.toString());
            assertEquals(ExitCodes.OK, run.exitCode(), run.err());

            JsonNode summary = CliRun.json(out.resolve("profile_export_aiperf.json"));
            assertEquals("1.5", summary.path("schema_version").asText());
            assertEquals(4, summary.path("request_count").path("avg").asInt());
            assertTrue(Files.readString(out.resolve("profile_export_aiperf.csv")).startsWith("Metric,avg"));
            List<JsonNode> records = CliRun.jsonLines(out.resolve("profile_export.jsonl"));
            assertEquals(4, records.size());
            for (JsonNode r : records) {
                assertTrue(r.path("metrics").path("time_to_first_token").path("value").isNumber(), r.toString());
            }
            assertFalse(Files.exists(out.resolve("summary.json")), "only aiperf's names are written");
        }
    }
}
