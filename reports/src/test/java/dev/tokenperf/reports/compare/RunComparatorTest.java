package dev.tokenperf.reports.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.metrics.Goodput;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunComparatorTest {

    private static SavedResult write(RunResult run, Path dir) throws Exception {
        ResultWriter.write(RunSummarizer.summarize(run), dir);
        return ResultReader.read(dir);
    }

    /** The same requests with every gap after the first chunk (to the end of the response) stretched by half. */
    private static RunResult slowerTokens(RunResult run) {
        List<RequestRecord> records = new ArrayList<>();
        for (RequestRecord r : run.records()) {
            long[] chunks = r.chunkArrivalNanos().clone();
            for (int i = 1; i < chunks.length; i++) {
                chunks[i] = chunks[0] + (r.chunkArrivalNanos()[i] - chunks[0]) * 3 / 2;
            }
            long end = chunks.length == 0 ? r.endNanos() : chunks[0] + (r.endNanos() - chunks[0]) * 3 / 2;
            records.add(new RequestRecord(r.index(), r.requestId(), r.warmup(), r.streaming(), r.intendedStartNanos(),
                    r.startNanos(), end, chunks, r.chunkReadIndexes(), r.serverInputTokens(), r.serverOutputTokens(),
                    r.requestedInputTokens(), r.requestedOutputTokens(), r.outputText(), r.error()));
        }
        return new RunResult(run.toolVersion(), run.configuration(), run.startTime(), run.endTime(),
                run.benchmarkDurationNanos(), run.streaming(), false, records);
    }

    @Test
    void aResultComparedWithItselfIsTheSameEverywhere(@TempDir Path tmp) throws Exception {
        SavedResult a = write(SyntheticRuns.planned(30, 4), tmp.resolve("a"));
        Comparison c = RunComparator.compare(a, a, 0.05, 0.02);
        assertFalse(c.rows().isEmpty());
        for (ComparisonRow row : c.rows()) {
            assertEquals("same", row.change(), row.toString());
            assertFalse(row.significant(), row.toString());
        }
        assertEquals(1, c.rows().stream().filter(r -> r.tag().equals("inter_token_latency")).count(),
                "one row per metric");
        assertTrue(c.workloadDifferences().isEmpty());
        assertTrue(c.caveats().isEmpty(), c.caveats().toString());
    }

    @Test
    void aClientLimitedSideIsNamedInTheCaveatsOnTheConsoleAndInJson(@TempDir Path tmp) throws Exception {
        RunResult run = SyntheticRuns.planned(30, 4);
        ClientHealth lagging = new ClientHealth("request_rate", 100, 91, false, 7.5, 0.2, 3.25, 9, 4, 12, 64, 1);
        RunResult limited = new RunResult(run.toolVersion(), run.configuration(), run.startTime(), run.endTime(),
                run.benchmarkDurationNanos(), run.streaming(), false, run.records(), lagging, null, null);
        SavedResult base = write(run, tmp.resolve("base"));
        SavedResult candidate = write(limited, tmp.resolve("candidate"));

        Comparison c = RunComparator.compare(base, candidate, 0.05, 0.02);

        assertEquals(1, c.caveats().size(), c.caveats().toString());
        assertTrue(c.caveats().get(0).startsWith("candidate was client-limited (event-loop lag p99 3.250 ms > "
                + "budget 1.000 ms; schedule lag p99 7.500 ms > budget 1.000 ms)"), c.caveats().get(0));
        assertTrue(ComparisonRenderer.console(List.of(c)).contains("caveat: candidate was client-limited"));
        String json = new ObjectMapper().readTree(ComparisonRenderer.json(List.of(c))).path("comparisons").get(0)
                .path("caveats").get(0).asText();
        assertEquals(c.caveats().get(0), json);
    }

    @Test
    void stretchedTokenGapsAreWorseAndSignificant(@TempDir Path tmp) throws Exception {
        RunResult run = SyntheticRuns.planned(30, 4);
        SavedResult base = write(run, tmp.resolve("base"));
        SavedResult slow = write(slowerTokens(run), tmp.resolve("slow"));
        Comparison c = RunComparator.compare(base, slow, 0.05, 0.02);
        ComparisonRow itl = c.rows().stream().filter(r -> r.tag().equals("inter_token_latency")).findFirst()
                .orElseThrow();
        assertEquals(RunComparator.STATS, itl.stats().stream().map(ComparisonRow.StatDelta::stat).toList());
        assertEquals("worse", itl.change());
        assertTrue(itl.significant(), itl.toString());
        for (ComparisonRow.StatDelta d : itl.stats()) {
            assertEquals(0.5, d.relativeDelta(), 0.01, "every gap is 1.5x: " + d);
        }
        Significance s = itl.significance();
        assertEquals(Significance.MANN_WHITNEY, s.test());
        assertTrue(s.shiftLow() <= 0.5 && 0.5 <= s.shiftHigh(), "the interval holds the true shift: " + s);
        assertTrue(s.effectSize() > 0.5, "candidate's gaps are mostly longer: " + s);
        ComparisonRow ttft = c.rows().stream().filter(r -> r.tag().equals("time_to_first_token")).findFirst()
                .orElseThrow();
        assertEquals("same", ttft.change(), "first chunks did not move");
        ComparisonRow tpsUser = c.rows().stream().filter(r -> r.tag().equals("output_token_throughput_per_user"))
                .findFirst().orElseThrow();
        assertEquals("worse", tpsUser.change(), "higher is better, and it went down");

        String markdown = ComparisonRenderer.markdown(List.of(c));
        assertTrue(markdown.startsWith("### base base vs candidate slow\n\n|Metric|Stat|Base|Candidate|Delta %|"
                + "p90 Delta %|p99 Delta %|avg Delta %|Change|Significance|\n|---|---|--:|--:|--:|--:|--:|--:|---|---|\n"),
                markdown);
        assertTrue(markdown.contains("\n|error_request_count (requests)|value|1.00|1.00|+0.0%||||same|"
                + "n/a (one value per run)|\n"), markdown);
        assertTrue(markdown.lines().anyMatch(l -> l.startsWith("|inter_token_latency (ms)|p50|")
                && l.contains("|+50.0%|worse|yes: Mann-Whitney U p=")), markdown);
        String console = ComparisonRenderer.console(List.of(c));
        assertTrue(console.lines().noneMatch(l -> l.endsWith(" ")), "no trailing blanks");
        assertEquals(1, console.lines().filter(l -> l.startsWith("inter_token_latency (ms)")).count(), console);
        com.fasterxml.jackson.databind.JsonNode json = new ObjectMapper().readTree(ComparisonRenderer.json(List.of(c)))
                .path("comparisons").get(0).path("metrics");
        com.fasterxml.jackson.databind.JsonNode itlJson = null;
        for (com.fasterxml.jackson.databind.JsonNode m : json) {
            if (m.path("metric").asText().equals("inter_token_latency")) {
                itlJson = m;
            }
        }
        assertEquals(itl.headline().candidate(), itlJson.path("stats").path("p50").path("candidate").asDouble());
        assertEquals(s.pValue(), itlJson.path("significance").path("p_value").asDouble());
        assertTrue(itlJson.path("significance").path("significant").asBoolean());
    }

    @Test
    void goodputIsComparedAsARegistryMetricAndItsNeutralCountIsNot(@TempDir Path tmp) throws Exception {
        RunResult run = Goodput.annotate(SyntheticRuns.planned(30, 4), GoodputSlos.parse("itl:6"));
        SavedResult base = write(run, tmp.resolve("base"));
        SavedResult slow = write(Goodput.annotate(slowerTokens(run), GoodputSlos.parse("itl:6")),
                tmp.resolve("slow"));

        Comparison c = RunComparator.compare(base, slow, 0.05, 0.02);

        ComparisonRow goodput = c.rows().stream().filter(r -> r.tag().equals("goodput")).findFirst().orElseThrow();
        assertEquals(base.value("goodput", "avg").orElseThrow(), goodput.headline().base());
        assertEquals("worse", goodput.change(), "slower tokens miss the ITL SLO more often: " + goodput);
        assertTrue(c.rows().stream().noneMatch(r -> r.tag().equals("good_request_count")),
                "a count is neutral, like request_count");
    }
}
