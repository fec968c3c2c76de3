package dev.tokenperf.reports.metrics;

import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricRegistryTest {
    private static final long MS = 1_000_000L;

    /** A streamed request: starts at {@code start}, chunks at the given times, ends at {@code end}. */
    private static RequestRecord streamed(int index, long start, long end, int serverTokens, long... chunks) {
        return new RequestRecord(index, "r" + index, false, true, start, start, end, chunks, null, 100, serverTokens,
                100, 10, "", null);
    }

    private static List<Long> values(MetricDefinition metric, RequestRecord r) {
        List<Long> out = new ArrayList<>();
        metric.emit(r, out::add);
        return out;
    }

    @Test
    void perRequestFormulas() {
        // start 0, chunks at 100, 110, 130 ms, end 131 ms, no server usage -> 3 tokens counted
        RequestRecord r = streamed(0, 0, 131 * MS, -1, 100 * MS, 110 * MS, 130 * MS);
        assertEquals(List.of(100 * MS), values(MetricRegistry.TIME_TO_FIRST_TOKEN, r));
        assertEquals(List.of(10 * MS), values(MetricRegistry.TIME_TO_SECOND_TOKEN, r));
        assertEquals(List.of(10 * MS, 20 * MS), values(MetricRegistry.INTER_CHUNK_LATENCY, r));
        assertEquals(List.of(131 * MS), values(MetricRegistry.REQUEST_LATENCY, r));
        // ITL = (131 - 100) / (3 - 1) = 15.5 ms; per user = 1 / 15.5 ms = 64.516 tokens/s (recorded in milli)
        assertEquals(List.of(15_500_000L), values(MetricRegistry.INTER_TOKEN_LATENCY, r));
        assertEquals(List.of(64_516L), values(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT_PER_USER, r));
        assertEquals(List.of(3L), values(MetricRegistry.OUTPUT_SEQUENCE_LENGTH, r));
    }

    @Test
    void serverUsageWinsOverCountedChunks() {
        // 2 chunks but the server says 5 tokens (chunks carried several): ITL uses 5
        RequestRecord r = streamed(0, 0, 140 * MS, 5, 100 * MS, 140 * MS);
        assertEquals(List.of(5L), values(MetricRegistry.OUTPUT_SEQUENCE_LENGTH, r));
        assertEquals(List.of(10 * MS), values(MetricRegistry.INTER_TOKEN_LATENCY, r));
    }

    @Test
    void noValueCasesAreAbsentNotZero() {
        RequestRecord oneChunk = streamed(0, 0, 50 * MS, -1, 40 * MS);
        assertEquals(List.of(40 * MS), values(MetricRegistry.TIME_TO_FIRST_TOKEN, oneChunk));
        assertTrue(values(MetricRegistry.TIME_TO_SECOND_TOKEN, oneChunk).isEmpty());
        assertTrue(values(MetricRegistry.INTER_TOKEN_LATENCY, oneChunk).isEmpty());
        assertTrue(values(MetricRegistry.INTER_CHUNK_LATENCY, oneChunk).isEmpty());
    }

    @Test
    void nonStreamingRunHasNoTtftFamily() {
        RequestRecord r = new RequestRecord(0, "r0", false, false, 0, 0, 200 * MS, null, null, 10, 20, 10, 20,
                "text", null);
        RunSummary summary = RunSummarizer.summarize(run(List.of(r), 1_000 * MS));
        assertFalse(summary.get(MetricRegistry.TIME_TO_FIRST_TOKEN).isPresent());
        assertFalse(summary.get(MetricRegistry.INTER_TOKEN_LATENCY).isPresent());
        assertEquals(200.0, summary.get(MetricRegistry.REQUEST_LATENCY).orElseThrow().avg(), 1e-9);
        assertEquals(20.0, summary.get(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT).orElseThrow().avg(), 1e-9);
    }

    @Test
    void summaryExcludesWarmupAndFailedRequestsAndCountsErrorsByKind() {
        RequestRecord ok1 = streamed(0, 0, 30 * MS, 2, 10 * MS, 20 * MS);
        RequestRecord ok2 = streamed(1, 0, 60 * MS, 2, 30 * MS, 40 * MS);
        RequestRecord warm = new RequestRecord(0, "w0", true, true, 0, 0, 900 * MS, new long[] {800 * MS}, null,
                1, 1, 1, 1, "", null);
        RequestRecord failed = new RequestRecord(2, "r2", false, true, 0, 0, 5 * MS, null, null, -1, -1, 100, 10,
                "", new RequestError(ErrorKind.HTTP_STATUS, 500, "HTTP 500: boom"));
        RunSummary s = RunSummarizer.summarize(run(List.of(ok1, ok2, warm, failed), 2_000 * MS));

        MetricStatistics ttft = s.get(MetricRegistry.TIME_TO_FIRST_TOKEN).orElseThrow();
        assertEquals(2, ttft.count());
        assertEquals(20.0, ttft.avg(), 1e-9);
        assertEquals(10.0, ttft.min(), 1e-9);
        assertEquals(30.0, ttft.max(), 1e-9);
        assertEquals(10.0, ttft.std(), 1e-9);
        assertEquals(2.0, s.get(MetricRegistry.REQUEST_COUNT).orElseThrow().avg());
        assertEquals(1.0, s.get(MetricRegistry.ERROR_REQUEST_COUNT).orElseThrow().avg());
        assertEquals(1, s.errorCount());
        assertEquals(ErrorKind.HTTP_STATUS, s.errors().get(0).example().kind());
        // 4 output tokens over 2 s
        assertEquals(2.0, s.get(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT).orElseThrow().avg(), 1e-9);
        assertEquals(1.0, s.get(MetricRegistry.REQUEST_THROUGHPUT).orElseThrow().avg(), 1e-9);
    }

    @Test
    void percentilesStayWithinTheExactExtremes() {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long ttft = 100 * MS + i * 37_123L;
            records.add(streamed(i, 0, ttft + MS, -1, ttft));
        }
        MetricStatistics s = RunSummarizer.summarize(run(records, 10_000 * MS))
                .get(MetricRegistry.TIME_TO_FIRST_TOKEN).orElseThrow();
        double exactP50 = (100 * MS + 499 * 37_123L) / 1e6;
        assertEquals(exactP50, s.percentile(50), exactP50 * 0.001, "3 significant digits");
        assertTrue(s.percentile(99.9) <= s.max());
        assertTrue(s.percentile(1) >= s.min());
    }

    private static RunResult run(List<RequestRecord> records, long durationNanos) {
        return new RunResult("test", Map.of(), Instant.EPOCH, Instant.EPOCH, durationNanos, true, false, records);
    }
}
