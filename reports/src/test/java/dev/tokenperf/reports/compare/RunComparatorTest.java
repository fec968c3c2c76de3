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
        List<ComparisonRow> itl = c.rows().stream().filter(r -> r.tag().equals("inter_token_latency")).toList();
        assertEquals(RunComparator.STATS, itl.stream().map(ComparisonRow::stat).toList());
        for (ComparisonRow row : itl) {
            assertEquals("worse", row.change());
            assertTrue(row.significant(), row.toString());
            assertEquals(0.5, row.relativeDelta(), 0.01, "every gap is 1.5x: " + row);
            assertTrue(row.shiftLow() <= 0.5 && 0.5 <= row.shiftHigh(), "the interval holds the true shift: " + row);
        }
        ComparisonRow ttft = c.rows().stream().filter(r -> r.tag().equals("time_to_first_token")).findFirst()
                .orElseThrow();
        assertEquals("same", ttft.change(), "first chunks did not move");
        ComparisonRow tpsUser = c.rows().stream().filter(r -> r.tag().equals("output_token_throughput_per_user"))
                .findFirst().orElseThrow();
        assertEquals("worse", tpsUser.change(), "higher is better, and it went down");

        String markdown = ComparisonRenderer.markdown(List.of(c));
        assertTrue(markdown.startsWith("### base base vs candidate slow\n\n|Metric|Stat|Base|Candidate|Delta|"
                + "Delta %|Median shift 95% CI|Change|Significant|\n|---|---|--:|--:|--:|--:|--:|---|---|\n"), markdown);
        assertTrue(markdown.contains("\n|error_request_count (requests)|value|1.00|1.00|+0.00|+0.0%|n/a|same|n/a|\n"),
                markdown);
        String console = ComparisonRenderer.console(List.of(c));
        assertTrue(console.lines().noneMatch(l -> l.endsWith(" ")), "no trailing blanks");
        assertTrue(console.lines().anyMatch(l -> l.startsWith("inter_token_latency (ms)") && l.contains("worse")
                && l.contains("yes (p=")), console);
    }

    @Test
    void goodputIsComparedAsARegistryMetricAndItsNeutralCountIsNot(@TempDir Path tmp) throws Exception {
        RunResult run = Goodput.annotate(SyntheticRuns.planned(30, 4), GoodputSlos.parse("itl:6"));
        SavedResult base = write(run, tmp.resolve("base"));
        SavedResult slow = write(Goodput.annotate(slowerTokens(run), GoodputSlos.parse("itl:6")),
                tmp.resolve("slow"));

        Comparison c = RunComparator.compare(base, slow, 0.05, 0.02);

        ComparisonRow goodput = c.rows().stream().filter(r -> r.tag().equals("goodput")).findFirst().orElseThrow();
        assertEquals(base.value("goodput", "avg").orElseThrow(), goodput.base());
        assertEquals("worse", goodput.change(), "slower tokens miss the ITL SLO more often: " + goodput);
        assertTrue(c.rows().stream().noneMatch(r -> r.tag().equals("good_request_count")),
                "a count is neutral, like request_count");
    }
}
