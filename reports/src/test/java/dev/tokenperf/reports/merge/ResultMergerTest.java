package dev.tokenperf.reports.merge;

import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultMergerTest {

    /** Writes the records in [from, to) of a run as a result of its own. */
    static SavedResult part(RunResult whole, int from, int to, Path dir) throws Exception {
        List<RequestRecord> records = whole.records().toList().subList(from, to);
        RunResult half = new RunResult(whole.toolVersion(), whole.configuration(), whole.startTime(),
                whole.endTime(), whole.benchmarkDurationNanos() / 2, whole.streaming(), false, records);
        ResultWriter.write(RunSummarizer.summarize(half), dir);
        return ResultReader.read(dir);
    }

    @Test
    void mergingTwoHalvesGivesTheWholeRunsHistograms(@TempDir Path tmp) throws Exception {
        RunResult whole = SyntheticRuns.planned(40, 3);
        int middle = whole.records().size() / 2;
        SavedResult first = part(whole, 0, middle, tmp.resolve("a"));
        SavedResult second = part(whole, middle, whole.records().size(), tmp.resolve("b"));

        RunSummary merged = ResultMerger.merge(List.of(first, second), false, false);
        Map<String, Histogram> expected = RunSummarizer.summarize(whole).histograms();
        assertEquals(expected.keySet(), merged.histograms().keySet());
        expected.forEach((tag, h) -> {
            assertEquals(h, merged.histograms().get(tag), tag);
            assertEquals(h.getTotalCount(), merged.get(tag).orElseThrow().count(), tag);
        });
        assertEquals(RunSummarizer.summarize(whole).get("request_latency").orElseThrow().percentiles(),
                merged.get("request_latency").orElseThrow().percentiles());
        assertEquals(whole.benchmarkDurationNanos() / 2 * 2, merged.result().benchmarkDurationNanos());
    }

    @Test
    void differentWorkloadsAreRefusedUnlessAllowed(@TempDir Path tmp) throws Exception {
        RunResult run = SyntheticRuns.planned(6, 1);
        SavedResult a = part(run, 0, run.records().size(), tmp.resolve("a"));
        Map<String, Object> config = SyntheticRuns.plannedConfiguration(200, 1, "abc");
        RunResult other = new RunResult("test", config, run.startTime(), run.endTime(), run.benchmarkDurationNanos(),
                true, false, run.records().toList());
        SavedResult b = part(other, 0, other.records().size(), tmp.resolve("b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultMerger.merge(List.of(a, b), false, false));
        assertTrue(e.getMessage().contains("isl: 100 vs 200"), e.getMessage());
        assertEquals(2 * a.result().records().size(),
                ResultMerger.merge(List.of(a, b), true, true).result().records().size());
    }

    @Test
    void concurrentClientsStartedApartCoverTheUnionOfTheirWindows(@TempDir Path tmp) throws Exception {
        RunResult run = SyntheticRuns.planned(10, 5);
        long minute = 60_000_000_000L;
        java.time.Instant end = run.endTime();
        RunResult early = new RunResult("test", run.configuration(), end.minusNanos(minute), end, minute, true,
                false, run.records().toList());
        RunResult late = new RunResult("test", run.configuration(), end.minusNanos(minute - 10_000_000_000L),
                end.plusSeconds(10), minute, true, false, run.records().toList());
        SavedResult a = part(early, 0, early.records().size(), tmp.resolve("a"));
        SavedResult b = part(late, 0, late.records().size(), tmp.resolve("b"));
        // written as halves, each client measured 30 s; the second ended 10 s after the first, so the two
        // windows together span 40 s (the longest single window, the old rule, would say 30 s)
        long expected = 40_000_000_000L;
        assertEquals(expected, ResultMerger.merge(List.of(a, b), true, false).result().benchmarkDurationNanos());
        assertTrue(expected > a.result().benchmarkDurationNanos(), "longer than either window alone");
    }

    /** Shard {@code index} of {@code count} of one plan, its measured phase started at {@code start}. */
    private static SavedResult shard(RunResult run, int index, int count, Instant start, Path dir) throws Exception {
        RunResult shard = new RunResult("test", SyntheticRuns.shardConfiguration(index, count, start), start,
                start.plusNanos(run.benchmarkDurationNanos()), run.benchmarkDurationNanos(), true, false,
                run.records().toList());
        ResultWriter.write(RunSummarizer.summarize(shard), dir);
        return ResultReader.read(dir);
    }

    @Test
    void aMissingShardIsRefusedByIndexUnlessPartialIsAllowed(@TempDir Path tmp) throws Exception {
        RunResult run = SyntheticRuns.planned(6, 1);
        Instant t = Instant.parse("2026-12-01T05:00:00Z");
        List<SavedResult> two = List.of(shard(run, 0, 3, t, tmp.resolve("s0")), shard(run, 2, 3, t, tmp.resolve("s2")));
        assertEquals("shard 1/3 is missing; pass --allow-partial to merge the others",
                assertThrows(IllegalArgumentException.class, () -> ResultMerger.merge(two, true, false)).getMessage());
        RunSummary partial = ResultMerger.merge(two, true, false, true);
        Map<?, ?> how = (Map<?, ?>) partial.result().configuration().get(RunResult.MERGED_KEY);
        assertEquals(List.of("shard 1/3 is missing: the merged load is only part of the plan's"), how.get("warnings"));
    }

    @Test
    void aRepeatedShardIsRefusedNamingBothInputs(@TempDir Path tmp) throws Exception {
        RunResult run = SyntheticRuns.planned(6, 1);
        Instant t = Instant.parse("2026-12-01T05:00:00Z");
        SavedResult a = shard(run, 1, 2, t, tmp.resolve("a"));
        SavedResult b = shard(run, 1, 2, t, tmp.resolve("b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultMerger.merge(List.of(shard(run, 0, 2, t, tmp.resolve("z")), a, b), true, false, true));
        assertEquals("shard 1/2 is given twice: " + a.dir() + " and " + b.dir(), e.getMessage());
    }

    @Test
    void shardsOfAnotherPlanAreRefused(@TempDir Path tmp) throws Exception {
        RunResult run = SyntheticRuns.planned(6, 1);
        Instant t = Instant.parse("2026-12-01T05:00:00Z");
        SavedResult a = shard(run, 0, 2, t, tmp.resolve("a"));
        SavedResult other = shard(run, 1, 3, t, tmp.resolve("b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultMerger.merge(List.of(a, other), true, true));
        assertTrue(e.getMessage().startsWith(other.dir() + " (shard 1/3) is not a shard of the plan of " + a.dir()),
                e.getMessage());
    }

    @Test
    void allShardsMergeOverTheUnionOfTheirWindowsWithTheirStartSkew(@TempDir Path tmp) throws Exception {
        RunResult run = SyntheticRuns.planned(6, 1);
        Instant t = Instant.parse("2026-12-01T05:00:00Z");
        SavedResult a = shard(run, 0, 2, t, tmp.resolve("a"));
        SavedResult b = shard(run, 1, 2, t.plusMillis(3), tmp.resolve("b"));
        RunSummary merged = ResultMerger.merge(List.of(b, a), true, false);
        Map<?, ?> how = (Map<?, ?>) merged.result().configuration().get(RunResult.MERGED_KEY);
        assertEquals(2, how.get("shard_count"));
        assertEquals(3.0, how.get("start_skew_ms"));
        assertEquals(run.benchmarkDurationNanos() + 3_000_000, merged.result().benchmarkDurationNanos());
        assertEquals(2 * run.measuredRecords().size(), merged.result().measuredRecords().size());
        // b's origin is 3 ms after a's: its records move 3 ms later on the merged timeline
        long firstStart = run.measuredRecords().toList().get(0).startNanos();
        assertEquals(List.of(firstStart, firstStart + 3_000_000), merged.result().measuredRecords().toList().stream()
                .filter(r -> r.index() == run.measuredRecords().toList().get(0).index())
                .map(RequestRecord::startNanos).sorted().toList());
    }
}
