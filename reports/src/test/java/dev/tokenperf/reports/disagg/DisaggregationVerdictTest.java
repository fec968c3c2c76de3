package dev.tokenperf.reports.disagg;

import dev.tokenperf.reports.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisaggregationVerdictTest {
    private static final long MS = 1_000_000L;

    /**
     * Synthetic streamed requests: first chunk after 50 ms, then the second after {@code gap + extra}, then
     * {@code chunks - 2} chunks every {@code gap}, each time with up to +-10% seeded jitter on the gaps.
     */
    private static List<RequestRecord> records(int requests, int chunks, long gapNanos, long extraNanos,
                                               boolean coalesceFirst, int usageTokensPerChunk) {
        Random random = new Random(42);
        List<RequestRecord> out = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            long start = r * 1000 * MS;
            long[] t = new long[chunks];
            long[] reads = new long[chunks];
            t[0] = start + 50 * MS;
            reads[0] = 1;
            for (int i = 1; i < chunks; i++) {
                long gap = Math.round(gapNanos * (0.9 + 0.2 * random.nextDouble()));
                t[i] = t[i - 1] + gap + (i == 1 ? extraNanos : 0);
                reads[i] = reads[i - 1] + (i == 1 && coalesceFirst ? 0 : 1);
            }
            int usage = usageTokensPerChunk > 0 ? usageTokensPerChunk * chunks : -1;
            out.add(new RequestRecord(r, "id-" + r, false, true, start, start, t[chunks - 1] + MS, t, reads,
                    100, usage, 100, chunks, "", null));
        }
        return out;
    }

    /** The verdict of a run's one pass over {@code records}. */
    private static DisaggregationVerdict verdict(List<RequestRecord> records, boolean streaming) {
        DisaggregationVerdict.Tally tally = DisaggregationVerdict.tally(streaming);
        records.forEach(tally::add);
        return tally.verdict();
    }

    @Test
    void aTransferGapAfterTheFirstTokenReadsAsBeforeTransferAndIsEstimated() {
        DisaggregationVerdict v = verdict(records(40, 20, 5 * MS, 30 * MS, false, -1), true);

        assertEquals(DisaggregationVerdict.BEFORE, v.verdict(), v.reason());
        assertEquals(40, v.requestsUsed());
        // jitter is +-0.5 ms on each gap, so the median extra gap lies within 1 ms of the 30 ms injected
        assertEquals(30.0, v.transfer().medianMillis(), 1.0);
        assertTrue(v.transfer().ciLowMillis() <= v.transfer().medianMillis());
        assertTrue(v.transfer().ciHighMillis() >= v.transfer().medianMillis());
        assertTrue(v.ratio().median() > DisaggregationVerdict.BEFORE_RATIO);
        assertTrue(v.ratio().p90() >= v.ratio().median());
    }

    @Test
    void noExtraGapReadsAsAfterTransferOrAggregated() {
        DisaggregationVerdict v = verdict(records(40, 20, 5 * MS, 0, false, -1), true);

        assertEquals(DisaggregationVerdict.AFTER, v.verdict(), v.reason());
        assertEquals(1.0, v.ratio().median(), 0.25);
        assertEquals(0.0, v.transfer().medianMillis(), 1.0);
    }

    @Test
    void coalescedFirstChunksAreInconclusiveEvenWithAGap() {
        DisaggregationVerdict v = verdict(records(40, 20, 5 * MS, 30 * MS, true, -1), true);

        assertEquals(DisaggregationVerdict.INCONCLUSIVE, v.verdict());
        assertTrue(v.reason().contains("coalesced"), v.reason());
        assertEquals(40, v.chunks().coalescedFirstGaps());
        assertEquals(40, v.chunks().coalescedChunks());
    }

    @Test
    void tooFewRequestsWithThreeChunksAreInconclusive() {
        List<RequestRecord> records = new ArrayList<>(records(DisaggregationVerdict.MIN_REQUESTS - 1, 20, 5 * MS,
                30 * MS, false, -1));
        records.addAll(records(30, 2, 5 * MS, 30 * MS, false, -1)); // two chunks: no steady gap

        DisaggregationVerdict v = verdict(records, true);

        assertEquals(DisaggregationVerdict.INCONCLUSIVE, v.verdict());
        assertEquals(DisaggregationVerdict.MIN_REQUESTS - 1, v.requestsUsed());
        assertTrue(v.reason().contains("only"), v.reason());
    }

    @Test
    void aNonStreamingRunIsInconclusiveWithoutStatistics() {
        DisaggregationVerdict v = verdict(records(40, 20, 5 * MS, 30 * MS, false, -1), false);

        assertEquals(DisaggregationVerdict.INCONCLUSIVE, v.verdict());
        assertNull(v.ratio());
        assertEquals("inconclusive", v.asExportMap().get("verdict"));
    }

    @Test
    void chunkAccountingUsesServerUsageForTokensPerChunk() {
        DisaggregationVerdict v = verdict(records(12, 10, 5 * MS, 0, false, 3), true);

        assertEquals(120, v.chunks().contentChunks());
        assertEquals(3.0, v.chunks().tokensPerChunk(), 1e-9);
        assertEquals(120, v.chunks().multiTokenChunks());
        assertEquals(0, v.chunks().coalescedChunks());
    }

    @Test
    void recordsWithoutReadOrdinalsAreNotTakenForCoalesced() {
        List<RequestRecord> records = new ArrayList<>();
        for (RequestRecord r : records(20, 10, 5 * MS, 30 * MS, false, -1)) {
            records.add(new RequestRecord(r.index(), r.requestId(), false, true, r.intendedStartNanos(),
                    r.startNanos(), r.endNanos(), r.chunkArrivalNanos(), null, -1, -1, 1, 1, "", null));
        }
        DisaggregationVerdict v = verdict(records, true);

        assertEquals(0, v.chunks().coalescedChunks());
        assertEquals(DisaggregationVerdict.BEFORE, v.verdict(), v.reason());
    }

    @Test
    void warmupAndFailedRequestsAreNotUsed() {
        List<RequestRecord> records = new ArrayList<>();
        for (RequestRecord r : records(20, 10, 5 * MS, 30 * MS, false, -1)) {
            records.add(new RequestRecord(r.index(), r.requestId(), r.index() % 2 == 0, true,
                    r.intendedStartNanos(), r.startNanos(), r.endNanos(), r.chunkArrivalNanos(),
                    r.chunkReadIndexes(), -1, -1, 1, 1, "", null));
        }
        assertEquals(10, verdict(records, true).requestsUsed());
    }

    @Test
    void theMedianIntervalBracketsTheMedianAndNarrowsWithMoreSamples() {
        double[] small = new double[21];
        double[] large = new double[2001];
        for (int i = 0; i < small.length; i++) {
            small[i] = i / 20.0;
        }
        for (int i = 0; i < large.length; i++) {
            large[i] = i / 2000.0;
        }
        double[] a = DisaggregationVerdict.medianConfidenceInterval(small);
        double[] b = DisaggregationVerdict.medianConfidenceInterval(large);
        assertTrue(a[0] < 0.5 && a[1] > 0.5);
        assertTrue(b[0] < 0.5 && b[1] > 0.5);
        assertTrue(b[1] - b[0] < a[1] - a[0]);
    }
}
