package dev.tokenperf.reports.export;

import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTableTest {
    private static final long MS = 1_000_000L;

    private static String table(long lagNanos) {
        RequestRecord r = new RequestRecord(0, "r0", false, true, 0, lagNanos, lagNanos + 50 * MS,
                new long[] {lagNanos + 20 * MS, lagNanos + 30 * MS}, null, 8, 2, 8, 2, "", null);
        RunResult run = new RunResult("test", Map.of(), Instant.EPOCH, Instant.EPOCH, 100 * MS, true, false, List.of(r));
        return ConsoleTable.render(RunSummarizer.summarize(run));
    }

    @Test
    void requestsSentOnTimeLeaveTheScheduleRowsOut() {
        String onTime = table(0);
        assertTrue(onTime.contains("Time to First Token (ms)"), onTime);
        assertFalse(onTime.contains("Schedule Lag"), onTime);
        assertFalse(onTime.contains("Response Time to First Token"), onTime);
    }

    @Test
    void lateRequestsShowScheduleLagAndResponseTimes() {
        String late = table(7 * MS);
        assertTrue(late.contains("Schedule Lag (ms)"), late);
        assertTrue(late.contains("Response Time to First Token (ms)"), late);
        assertTrue(late.contains("Response Request Latency (ms)"), late);
    }
}
