package dev.tokenperf.bench;

import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.ClientJit;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.record.ServerEvidence;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColdStartRowTest {
    private static final long MS = 1_000_000;
    private static final Instant LAUNCHED = Instant.parse("2026-12-01T05:00:00Z");

    /** A successful record: sent at {@code start} ms, first chunk {@code ttft} ms later, then one chunk per ms. */
    private static RequestRecord record(int index, boolean warmup, long start, double ttft, int chunks) {
        long[] arrivals = new long[chunks];
        for (int i = 0; i < chunks; i++) {
            arrivals[i] = start * MS + Math.round(ttft * MS) + i * MS;
        }
        return new RequestRecord(index, "r" + index, warmup, true, start * MS, start * MS,
                arrivals[chunks - 1] + MS, arrivals, null, 8, chunks, 8, chunks, "x".repeat(chunks), null);
    }

    private static RunResult result(List<RequestRecord> records, ClientJit jit) {
        ClientHealth health = new ClientHealth("concurrency", Double.NaN, 10, false, 0, 0.1, 0.1, 0.2, 0, 0, 4, 1.0,
                jit);
        return new RunResult("test", Map.of(), LAUNCHED.plusMillis(420), LAUNCHED.plusSeconds(5), 2_000 * MS, true,
                false, records, health, null, ServerEvidence.NONE);
    }

    @Test
    void perChunkCpuAndBiasesAreExact() {
        // completion order differs from send order: the warmup request sent at 0 ms is the run's first request
        List<RequestRecord> records = List.of(
                record(0, false, 100, 10.5, 4),
                record(0, true, 0, 30.0, 2),
                record(1, false, 110, 10.25, 4),
                record(2, false, 120, 11.0, 4),
                record(3, false, 130, 10.75, 4));
        ColdStartRow row = ColdStartRow.of("c1", 2, LAUNCHED, result(records, new ClientJit(300, 250, 12, 2000, 40)),
                3_200 * MS, 10 * MS, 0.25, 150.5);

        assertEquals(4, row.requests());
        assertEquals(16, row.chunks(), "the warmup's chunks are outside the window");
        assertEquals(420.0, row.launchToFirstMillis());
        assertEquals(300.0, row.clientWarmupMillis());
        assertEquals(3200.0, row.wholeRunCpuMillis());
        assertEquals(800.0, row.wholeRunCpuMillisPerRequest(), "3,200 ms over 4 measured requests");
        assertEquals(2500.0, row.windowCpuMicrosPerChunk(), "40 ms of CPU in the window over 16 chunks");
        assertEquals(12.0, row.windowCompileMillis());
        assertEquals(20.0, row.firstTtftBiasMillis(), 1e-9, "the first request's 30 ms TTFT against a 10 ms truth");
        // measured TTFTs 10.25, 10.5, 10.75, 11.0: median 10.625, bias 0.625, of which the server 0.25
        assertEquals(0.625, row.ttftBiasP50Millis(), 1e-9);
        assertEquals(0.375, row.ttftBiasOverServerP50Millis(), 1e-9);
        assertEquals(150.5, row.peakRssMib());
        assertFalse(row.clientLimited(), "12 ms of JIT in a 2,000 ms window is under 5 %");
    }

    @Test
    void anUnknownCpuIsNullInTheReport() {
        ColdStartRow row = ColdStartRow.of("c1", 1, LAUNCHED, result(List.of(record(0, false, 0, 12, 2)),
                new ClientJit(Double.NaN, Double.NaN, 80, 1000, Double.NaN)), -1, 10 * MS, Double.NaN, Double.NaN);
        Map<String, Object> m = row.asMap();

        assertNull(m.get("whole_run_cpu_ms"));
        assertNull(m.get("measured_window_cpu_us_per_chunk"));
        assertNull(m.get("ttft_bias_p50_over_server_ms"));
        assertEquals(2.0, (Double) m.get("first_request_ttft_bias_ms"), 1e-9, "the only request is the first");
        assertTrue(row.clientLimited(), "80 ms of JIT in a 1,000 ms window");
    }

    @Test
    void theMedianOfAnOddAndAnEvenCount() {
        assertEquals(3.0, ColdStartRow.median(new long[] {5, 1, 3, 99}, 3), "only the first three count");
        assertEquals(2.5, ColdStartRow.median(new long[] {4, 1, 3, 2}, 4));
        assertTrue(Double.isNaN(ColdStartRow.median(new long[0], 0)));
    }
}
