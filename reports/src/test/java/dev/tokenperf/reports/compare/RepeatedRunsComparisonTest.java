package dev.tokenperf.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.aggregate.RunAggregate;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SavedRuns;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compare on the base directories of repeated runs: means across runs, run-level metrics tested across runs. */
class RepeatedRunsComparisonTest {

    private static List<RunResult> runs(double stretch, long... seeds) {
        return Arrays.stream(seeds).mapToObj(seed -> SyntheticRuns.stretched(SyntheticRuns.planned(30, seed),
                stretch)).toList();
    }

    private static ComparisonRow row(Comparison c, String tag) {
        return c.rows().stream().filter(r -> r.tag().equals(tag)).findFirst().orElseThrow();
    }

    @Test
    void runLevelMetricsAreTestedAcrossRunsAndStatisticsAreMeans(@TempDir Path tmp) throws Exception {
        RunAggregate baseAggregate = SyntheticRuns.writeRepeated(tmp.resolve("base"), runs(1, 1, 2, 3));
        SyntheticRuns.writeRepeated(tmp.resolve("slower"), runs(1.5, 4, 5, 6));
        SyntheticRuns.writeRepeated(tmp.resolve("same"), runs(1, 4, 5, 6));
        SavedRuns base = ResultReader.readRuns(tmp.resolve("base"));
        assertTrue(base.repeated());
        assertEquals(List.of("base/run_0001", "base/run_0002", "base/run_0003"),
                base.runs().stream().map(r -> r.label()).toList());

        Comparison slower = RunComparator.compare(base, ResultReader.readRuns(tmp.resolve("slower")), 0.05, 0.02);
        ComparisonRow throughput = row(slower, "output_token_throughput");
        assertEquals(baseAggregate.mean("output_token_throughput", "avg").orElseThrow(), throughput.headline().base(),
                1e-9, "the base's value is its mean across runs");
        assertEquals(Significance.WELCH, throughput.significance().test());
        assertTrue(throughput.significant(), throughput.toString());
        assertEquals("worse", throughput.change());
        assertTrue(throughput.significance().shiftHigh() < 0, "the whole interval is a loss: " + throughput);
        assertEquals(Significance.MANN_WHITNEY, row(slower, "inter_token_latency").significance().test(),
                "per-request metrics stay per request, over every run's requests pooled");

        Comparison same = RunComparator.compare(base, ResultReader.readRuns(tmp.resolve("same")), 0.05, 0.02);
        ComparisonRow sameThroughput = row(same, "output_token_throughput");
        assertNotNull(sameThroughput.significance());
        assertFalse(sameThroughput.significant(), sameThroughput.toString());

        String console = ComparisonRenderer.console(List.of(slower));
        assertTrue(console.contains("yes: Welch t across runs p="), console);
        assertTrue(console.contains("repeated runs: values are means across runs"), console);
        assertFalse(console.contains("n/a (one value per run)"), console);
        JsonNode json = new ObjectMapper().readTree(ComparisonRenderer.json(List.of(slower))).path("comparisons").get(0);
        for (JsonNode metric : json.path("metrics")) {
            if (metric.path("metric").asText().equals("output_token_throughput")) {
                assertEquals(2, metric.path("significance").path("mean_shift_ci").size(), metric.toString());
                assertTrue(metric.path("significance").path("effect_size_cliffs_delta").isMissingNode());
            }
        }
    }

    @Test
    void aSingleRunIsComparedWithRepeatedRunsAsOneMoreRun(@TempDir Path tmp) throws Exception {
        SyntheticRuns.writeRepeated(tmp.resolve("base"), runs(1, 1, 2, 3));
        ResultWriter.write(RunSummarizer.summarize(runs(2, 7).get(0)), tmp.resolve("single"));
        SavedRuns single = ResultReader.readRuns(tmp.resolve("single"));
        assertFalse(single.repeated());

        Comparison c = RunComparator.compare(ResultReader.readRuns(tmp.resolve("base")), single, 0.05, 0.02);
        ComparisonRow throughput = row(c, "output_token_throughput");
        assertEquals(Significance.WELCH, throughput.significance().test());
        assertTrue(throughput.significant(), "half the throughput is outside the runs' prediction: " + throughput);
        assertEquals("single", c.candidate());
    }
}
