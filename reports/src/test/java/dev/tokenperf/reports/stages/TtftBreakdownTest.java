package dev.tokenperf.reports.stages;

import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.StageTimes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TtftBreakdownTest {
    private static final long MS = 1_000_000L;

    private static RequestRecord streamed(int i, long ttftNanos) {
        long start = i * 1000 * MS;
        long[] t = {start + ttftNanos, start + ttftNanos + 5 * MS, start + ttftNanos + 10 * MS};
        return new RequestRecord(i, "id-" + i, false, true, start, start, t[2], t, new long[] {1, 2, 3}, 10, 3, 10, 3,
                "", null);
    }

    @Test
    void everyRowsStagesPlusRemainderEqualItsClientTtft() {
        Random random = new Random(7);
        List<RequestRecord> records = new ArrayList<>();
        Map<String, StageTimes> reports = new HashMap<>();
        Map<Double, Double> reportedByTtft = new HashMap<>(); // client TTFT (ms) -> what its stages add up to
        for (int i = 0; i < 101; i++) {
            long ttft = (20 + random.nextInt(200)) * MS + random.nextInt(1000);
            records.add(streamed(i, ttft));
            double queue = random.nextDouble() * 5;
            reportedByTtft.put(ttft / 1e6, queue + 10.0 + 2.5 + (i % 2 == 0 ? 1.25 : 0));
            StageTimes t = StageTimes.empty("id-" + i)
                    .plus("pd", Map.of("prefill_queue", queue))
                    .plus("pd", Map.of("prefill_compute", 10.0))
                    .plus("pd", Map.of("prefill_compute", 2.5)); // a chunked prefill's second part
            if (i % 2 == 0) {
                t = t.plus("encoder", Map.of("enc_compute", 1.25));
            }
            reports.put("id-" + i, t);
        }
        records.add(streamed(200, 50 * MS)); // no report

        TtftBreakdown b = TtftBreakdown.of(records, reports);

        assertEquals(101, b.requestsWithReports());
        assertEquals(1, b.requestsWithout());
        assertEquals(List.of("enc_compute", "prefill_queue", "prefill_compute"), b.stages());
        assertEquals(Set.of("mean", "p50", "p90", "p99"), b.rows().keySet());
        for (TtftBreakdown.Row row : b.rows().values()) {
            double sum = row.remainderMillis() + row.stageMillis().values().stream().mapToDouble(d -> d).sum();
            assertEquals(row.clientTtftMillis(), sum, 1e-9);
            assertEquals(12.5, row.stageMillis().get("prefill_compute"), 1e-12);
        }
        // p50 shows the request with the 51st smallest TTFT of the 101 that have reports
        List<Double> ttfts = records.subList(0, 101).stream()
                .map(r -> (r.chunkArrivalNanos()[0] - r.startNanos()) / 1e6).sorted().toList();
        assertEquals(ttfts.get(50), b.rows().get("p50").clientTtftMillis(), 1e-9);
        assertEquals(ttfts.get(99), b.rows().get("p99").clientTtftMillis(), 1e-9);
        // the remainder is what the client saw beyond the stages its server reported, from the inputs above
        for (String name : List.of("p50", "p90", "p99")) {
            TtftBreakdown.Row row = b.rows().get(name);
            assertEquals(row.clientTtftMillis() - reportedByTtft.get(row.clientTtftMillis()), row.remainderMillis(),
                    1e-9, name);
        }
        assertEquals(ttfts.stream().mapToDouble(d -> d).average().orElseThrow(),
                b.rows().get("mean").clientTtftMillis(), 1e-9);
        // 51 of the 101 (even indexes) had an encoder stage; the others count it as 0
        assertEquals(1.25 * 51 / 101, b.rows().get("mean").stageMillis().get("enc_compute"), 1e-12);
    }

    @Test
    void reportsOfOneStageAreSummedAndRolesCollected() {
        StageTimes t = StageTimes.empty("r").plus("pd", Map.of("prefill_compute", 1.5))
                .plus("pd", Map.of("prefill_compute", 2.0, "prefill_queue", 3.0)).plus("meta", Map.of());

        assertEquals(3.5, t.stageMillis().get("prefill_compute"), 1e-12);
        assertEquals(3.0, t.stageMillis().get("prefill_queue"), 1e-12);
        assertEquals(Set.of("pd", "meta"), t.roles());
        assertEquals(3, t.reports());
        assertEquals(6.5, t.totalMillis(), 1e-12);
    }

    @Test
    void aReportUnderTheServersPrefixedIdStillJoins() {
        Map<String, StageTimes> reports = Map.of(
                "chatcmpl-id-0", StageTimes.empty("chatcmpl-id-0").plus("pd", Map.of("prefill_compute", 4.0)),
                "cmpl-id-1", StageTimes.empty("cmpl-id-1").plus("pd", Map.of("prefill_compute", 6.0)),
                "other-id-2", StageTimes.empty("other-id-2").plus("pd", Map.of("prefill_compute", 8.0)));

        TtftBreakdown b = TtftBreakdown.of(List.of(streamed(0, 10 * MS), streamed(1, 20 * MS), streamed(2, 30 * MS)),
                reports);

        assertEquals(2, b.requestsWithReports());
        assertEquals(1, b.requestsWithout());
        assertEquals(5.0, b.rows().get("mean").stageMillis().get("prefill_compute"), 1e-12);
    }

    @Test
    void noReportForAnyRequestMeansNoBreakdown() {
        assertNull(TtftBreakdown.of(List.of(streamed(0, 10 * MS)), Map.of()));
    }
}
