package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.record.RunResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The one pass's session view: sessions as units and the per-turn statistics, from exact record times. */
class SessionSummaryTest {
    private static final long MS = 1_000_000;

    /** A turn starting at {@code start} ms, first chunk {@code ttft} ms later, ending 10 ms after it. */
    private static RequestRecord turn(String session, int index, long start, long ttft, boolean ok) {
        long s = start * MS;
        long first = s + ttft * MS;
        return new RequestRecord(index, session + "-" + index, false, true, s, s, first + 10 * MS,
                new long[] {first, first + 10 * MS}, new long[] {1, 2}, 100 * (index + 1), 2, 100, 2, "a b",
                ok ? null : RequestError.of(ErrorKind.SERVER_ERROR, "down"), 0, -1, session, index, -1);
    }

    private static RunResult run(List<RequestRecord> records) {
        return new RunResult("test", Map.of(), Instant.EPOCH, Instant.EPOCH, 10_000 * MS, true, false,
                RequestRecords.of(records), null, null, null);
    }

    @Test
    void sessionsAndTurnIndexesAreSummarisedFromTheirRecords() {
        RunSummary summary = RunSummarizer.summarize(run(List.of(
                turn("a", 0, 0, 100, true), turn("b", 0, 5, 300, true),
                turn("a", 1, 200, 40, true), turn("b", 1, 400, 50, false),
                turn("a", 2, 300, 60, true),
                new RequestRecord(9, "single", false, true, 0, 0, 20 * MS, new long[] {MS}, new long[] {1}, 1, 1, 1,
                        1, "x", null))));
        SessionSummary sessions = summary.sessions();
        assertEquals(2, sessions.sessions());
        MetricStatistics turns = stat(sessions.statistics(), "turns_per_session");
        assertEquals(2.5, turns.avg(), 1e-9, "3 turns and 2 (the failed one counted)");
        MetricStatistics latency = stat(sessions.statistics(), "session_latency");
        assertEquals(1, latency.count(), "only the session whose every turn succeeded");
        assertEquals(370, latency.avg(), 0.01, "a: from 0 ms to 300 + 60 + 10 ms");

        assertEquals(List.of(0, 1, 2), sessions.turns().stream().map(SessionSummary.Turn::index).toList());
        assertEquals(List.of(2L, 1L, 1L), sessions.turns().stream().map(SessionSummary.Turn::requests).toList());
        assertEquals(200, stat(sessions.turns().get(0).statistics(), "time_to_first_token").avg(), 0.01);
        assertEquals(40, stat(sessions.turns().get(1).statistics(), "time_to_first_token").avg(), 0.01,
                "the failed turn has no TTFT");
        assertEquals(300, stat(sessions.turns().get(2).statistics(), "input_sequence_length").avg(), 0.01);
    }

    @Test
    void aSingleTurnRunHasNoSessionView() {
        assertNull(RunSummarizer.summarize(run(List.of(new RequestRecord(0, "r", false, true, 0, 0, 20 * MS,
                new long[] {MS}, new long[] {1}, 1, 1, 1, 1, "x", null)))).sessions());
    }

    private static MetricStatistics stat(List<MetricStatistics> statistics, String tag) {
        return statistics.stream().filter(s -> s.metric().tag().equals(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + tag + " in " + statistics));
    }

    @Test
    void sessionMetricsAreRegisteredWithUnitFormulaAndSource() {
        MetricRegistry.sessionMetrics().forEach(m -> {
            assertEquals(dev.tokenperf.reports.metrics.MetricSource.SESSION, m.source());
            assertEquals(true, m.isDistribution());
            assertEquals(false, m.formula().isBlank());
        });
    }
}
