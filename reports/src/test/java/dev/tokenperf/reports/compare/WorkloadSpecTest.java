package dev.tokenperf.reports.compare;

import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.plan.InputConfig;
import dev.tokenperf.reports.plan.SavedPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same workload means same specification: seeds are a note, a different ISL or dataset is a difference. */
class WorkloadSpecTest {

    private static SavedPlan plan(Map<String, Object> config) {
        return InputConfig.read(config);
    }

    @Test
    void twoRunsOfOneCommandLineMatchWithANoteAboutTheirSeeds() {
        WorkloadSpec.Match m = WorkloadSpec.match(plan(SyntheticRuns.plannedConfiguration(100, 7, "aaaa")),
                plan(SyntheticRuns.plannedConfiguration(100, 8, "bbbb")));
        assertTrue(m.same(), m.toString());
        assertEquals(List.of("random seeds differ (7 vs 8): the prompts and schedules are different draws from the "
                + "same specification"), m.notes());
    }

    @Test
    void aDifferentIslIsNamed() {
        WorkloadSpec.Match m = WorkloadSpec.match(plan(SyntheticRuns.plannedConfiguration(100, 7, "a")),
                plan(SyntheticRuns.plannedConfiguration(200, 7, "a")));
        assertEquals(List.of("isl: 100 vs 200"), m.differences());
        assertEquals(List.of(), m.notes());
    }

    @Test
    void eachDifferenceOfTheSpecificationIsNamedAndHashesOfDatasetsCount() {
        Map<String, Object> first = SyntheticRuns.plannedConfiguration(100, 7, "a".repeat(64));
        Map<String, Object> second = SyntheticRuns.plannedConfiguration(100, 7, "b".repeat(64));
        for (Map<String, Object> config : List.of(first, second)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> input = (Map<String, Object>) config.get("input");
            input.put("prompts", "sharegpt.json");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> loadgen = (Map<String, Object>) second.get("loadgen");
        loadgen.put("concurrency", 8);
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = (Map<String, Object>) second.get("endpoint");
        endpoint.put("streaming", false);

        WorkloadSpec.Match m = WorkloadSpec.match(plan(first), plan(second));

        assertEquals(List.of("streaming: true vs false", "prompt set hash: aaaaaaaaaaaa... vs bbbbbbbbbbbb...",
                "concurrency: 2 vs 8"), m.differences());
    }

    @Test
    void theSameSeedWithAnotherPromptSetIsANote() {
        WorkloadSpec.Match m = WorkloadSpec.match(plan(SyntheticRuns.plannedConfiguration(100, 7, "a")),
                plan(SyntheticRuns.plannedConfiguration(100, 7, "b")));
        assertTrue(m.same());
        assertEquals(1, m.notes().size());
        assertTrue(m.notes().get(0).startsWith("prompt set hashes differ (a vs b)"), m.notes().toString());
    }

    @Test
    void aSweepMayVaryItsConcurrencyButNotItsIsl(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        Map<String, Object> wider = SyntheticRuns.plannedConfiguration(100, 2, "x");
        @SuppressWarnings("unchecked")
        Map<String, Object> loadgen = (Map<String, Object>) wider.get("loadgen");
        loadgen.put("concurrency", 8);
        var a = write(SyntheticRuns.planned(5, 1), tmp.resolve("a"));
        var b = write(SyntheticRuns.withConfiguration(SyntheticRuns.run(5, 2), wider), tmp.resolve("b"));
        var c = write(SyntheticRuns.withConfiguration(SyntheticRuns.run(5, 3),
                SyntheticRuns.plannedConfiguration(300, 3, "y")), tmp.resolve("c"));

        WorkloadSpec.requireSame(List.of(a, b), "plot", true);
        IllegalArgumentException merge = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WorkloadSpec.requireSame(List.of(a, b), "merge", false));
        assertTrue(merge.getMessage().endsWith("ran different workloads (concurrency: 2 vs 8); pass "
                + "--allow-different-workloads to merge anyway"), merge.getMessage());
        IllegalArgumentException plot = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WorkloadSpec.requireSame(List.of(a, b, c), "plot", true));
        assertTrue(plot.getMessage().contains("(isl: 100 vs 300)"), plot.getMessage());
    }

    private static dev.tokenperf.reports.load.SavedResult write(dev.tokenperf.reports.record.RunResult run,
                                                                java.nio.file.Path dir) throws Exception {
        dev.tokenperf.reports.export.ResultWriter.write(dev.tokenperf.reports.summary.RunSummarizer.summarize(run),
                dir);
        return dev.tokenperf.reports.load.ResultReader.read(dir);
    }
}
