package dev.tokenperf.reports.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A script written for aiperf's result directory reads tokenperf's unchanged: {@link AiperfScript} is that
 * script (the accessors aiperf's users write), run once over the real aiperf export in
 * {@code ../shared/aiperf-export/} and once over a directory tokenperf wrote.
 */
class AiperfExportCompatibilityTest {
    private static final Path AIPERF_EXPORT = Path.of("..", "..", "shared", "aiperf-export");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What an aiperf user's script reads, by aiperf's file names and keys only. */
    record AiperfScript(double ttftP50, double requestThroughput, String ttftUnit, List<Double> recordTtfts) {
        static AiperfScript read(Path dir) throws IOException {
            JsonNode summary = MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile());
            List<Double> ttfts = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("profile_export.jsonl"))) {
                JsonNode ttft = MAPPER.readTree(line).path("metrics").path("time_to_first_token");
                if (ttft.has("value")) {
                    ttfts.add(ttft.get("value").asDouble());
                }
            }
            return new AiperfScript(summary.get("time_to_first_token").get("p50").asDouble(),
                    summary.get("request_throughput").get("avg").asDouble(),
                    summary.get("time_to_first_token").get("unit").asText(), ttfts);
        }
    }

    @Test
    void theScriptReadsAiperfsOwnExport() throws IOException {
        AiperfScript aiperf = AiperfScript.read(AIPERF_EXPORT);

        assertEquals(101.33359499999999, aiperf.ttftP50());
        assertEquals(98.74586582641103, aiperf.requestThroughput());
        assertEquals("ms", aiperf.ttftUnit());
        assertEquals(20, aiperf.recordTtfts().size(), "the export keeps 20 of its 256 records");
        assertEquals(102.465362, aiperf.recordTtfts().get(0));
    }

    @Test
    void theSameScriptReadsTokenperfsResult(@TempDir Path dir) throws IOException {
        RunResult run = SyntheticRuns.run(30, 5);
        RunSummary summary = RunSummarizer.summarize(run);
        ResultWriter.write(summary, dir);

        AiperfScript tokenperf = AiperfScript.read(dir);

        assertEquals(summary.value("time_to_first_token", "p50").orElseThrow(), tokenperf.ttftP50());
        assertEquals(summary.value("request_throughput", "avg").orElseThrow(), tokenperf.requestThroughput());
        assertEquals("ms", tokenperf.ttftUnit());
        List<Double> expected = new ArrayList<>();
        for (RequestRecord r : run.records()) {
            if (r.succeeded()) {
                expected.add((r.chunkArrivalNanos()[0] - r.startNanos()) / 1e6);
            }
        }
        assertEquals(expected, tokenperf.recordTtfts(), "every successful request's TTFT, warmup included");
    }

    @Test
    void tokenperfsSummaryCarriesSchemaOneFiveAndAiperfsUnitsForTheMetricsBothHave(@TempDir Path dir)
            throws IOException {
        ResultWriter.write(RunSummarizer.summarize(SyntheticRuns.run(10, 2)), dir);
        JsonNode ours = MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        JsonNode theirs = MAPPER.readTree(AIPERF_EXPORT.resolve("profile_export_aiperf.json").toFile());

        assertEquals("1.5", ours.get("schema_version").asText());
        assertTrue(ours.get("aiperf_version").asText().startsWith("tokenperf "), ours.get("aiperf_version").asText());
        int shared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = theirs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            if (metric.getValue().has("unit") && ours.path(metric.getKey()).has("unit")) {
                shared++;
                assertEquals(metric.getValue().get("unit").asText(), ours.get(metric.getKey()).get("unit").asText(),
                        metric.getKey());
            }
        }
        assertTrue(shared >= 10, "most of aiperf's metrics have a tokenperf counterpart: " + shared);
    }

    @Test
    void everyRecordHasAiperfsMetadataKeysAndValueUnitMetrics(@TempDir Path dir) throws IOException {
        ResultWriter.write(RunSummarizer.summarize(SyntheticRuns.run(10, 2)), dir);
        JsonNode aiperfFirst = MAPPER.readTree(Files.readAllLines(AIPERF_EXPORT.resolve("profile_export.jsonl")).get(0));

        for (String line : Files.readAllLines(dir.resolve("profile_export.jsonl"))) {
            JsonNode record = MAPPER.readTree(line);
            for (String key : List.of("session_num", "x_request_id", "request_start_ns", "request_end_ns",
                    "benchmark_phase")) {
                assertTrue(aiperfFirst.path("metadata").has(key), "aiperf has " + key);
                assertTrue(record.path("metadata").has(key), key + " in " + line);
            }
            assertTrue(record.has("error"), line);
            for (Iterator<Map.Entry<String, JsonNode>> it = record.path("metrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> metric = it.next();
                assertTrue(metric.getValue().has("value") && metric.getValue().get("unit").isTextual(),
                        metric.getKey() + " is {value, unit}");
                JsonNode theirs = aiperfFirst.path("metrics").path(metric.getKey());
                if (theirs.has("unit")) {
                    assertEquals(theirs.get("unit").asText(), metric.getValue().get("unit").asText(), metric.getKey());
                }
            }
        }
    }
}
