package dev.tokenperf.reports.export;

import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepPointTest {

    private static SweepPoint point(RunResult result) {
        return new SweepPoint("concurrency", 2, "concurrency_2", RunSummarizer.summarize(result));
    }

    @Test
    void anInterruptedPointIsNotLabelledOk() {
        RunResult complete = SyntheticRuns.run(8, 1);
        RunResult interrupted = new RunResult(complete.toolVersion(), complete.configuration(), complete.startTime(),
                complete.endTime(), complete.benchmarkDurationNanos(), true, true, complete.records().toList());
        assertEquals("ok", point(complete).status());
        assertEquals("interrupted", point(interrupted).status());
        assertTrue(SweepReport.render(List.of(point(interrupted))).contains("interrupted"));
    }
}
