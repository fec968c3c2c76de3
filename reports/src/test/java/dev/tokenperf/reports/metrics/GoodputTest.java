package dev.tokenperf.reports.metrics;

import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoodputTest {

    @Test
    void countsRequestsMeetingEverySloFromTheirOwnTimestamps() {
        RunResult run = SyntheticRuns.run(30, 5);
        GoodputSlos slos = GoodputSlos.parse("ttft:15 itl:5");
        long expected = 0;
        for (RequestRecord r : run.measuredRecords()) {
            if (r.succeeded() && MetricRegistry.ttftNanos(r) <= 15_000_000
                    && (r.endNanos() - r.chunkArrivalNanos()[0]) / 9.0 <= 5_000_000) {
                expected++;
            }
        }
        assertTrue(expected > 0 && expected < 29, "the SLOs must split the synthetic run: " + expected);
        RunSummary summary = RunSummarizer.summarize(run, slos, null);
        assertEquals(expected, summary.get("good_request_count").orElseThrow().avg());
        assertEquals(expected / (run.benchmarkDurationNanos() / 1e9), summary.get("goodput").orElseThrow().avg(), 1e-9);
    }

    @Test
    void slosRoundTripThroughTheConfiguration() {
        GoodputSlos slos = GoodputSlos.parse("ttft:300, itl:20 tps_user:50");
        assertEquals(slos, GoodputSlos.fromConfiguration(slos.toConfiguration()));
        assertEquals(Goodput.savedSlos(Goodput.annotate(SyntheticRuns.run(2, 1), slos)), slos);
    }

    @Test
    void rejectsUnknownMetricsAndBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> GoodputSlos.parse("osl:5"));
        assertThrows(IllegalArgumentException.class, () -> GoodputSlos.parse("ttft:fast"));
        assertThrows(IllegalArgumentException.class, () -> GoodputSlos.parse("ttft"));
        assertThrows(IllegalArgumentException.class, () -> GoodputSlos.parse(" "));
    }
}
