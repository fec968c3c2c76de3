package dev.tokenperf.reports.servermetrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextTest {
    /** The shape of vLLM's /metrics: two engines, so every histogram has two label sets to sum. */
    private static String ttft(long b1, long b2, long inf, double sum, long c1, long c2) {
        return """
                # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
                # TYPE vllm:time_to_first_token_seconds histogram
                vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="m"} %d
                vllm:time_to_first_token_seconds_bucket{engine="0",le="0.5",model_name="m"} %d
                vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="m"} %d
                vllm:time_to_first_token_seconds_sum{engine="0",model_name="m"} %s
                vllm:time_to_first_token_seconds_count{engine="0",model_name="m"} %d
                vllm:time_to_first_token_seconds_bucket{engine="1",le="0.1",model_name="m"} 0
                vllm:time_to_first_token_seconds_bucket{engine="1",le="0.5",model_name="m"} %d
                vllm:time_to_first_token_seconds_bucket{engine="1",le="+Inf",model_name="m"} %d
                vllm:time_to_first_token_seconds_sum{engine="1",model_name="m"} 1.0
                vllm:time_to_first_token_seconds_count{engine="1",model_name="m"} %d
                # a gauge with an escaped label
                vllm:num_requests_running{model_name="a \\"quoted\\" \\\\ name\\n"} 3 1712345678000
                """.formatted(b1, b2, inf, sum, c1, c2, c2, c2);
    }

    @Test
    void parsesSamplesLabelsEscapesInfinityAndTimestamps() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(ttft(1, 2, 3, 0.5, 3, 4));

        assertEquals(11, samples.size());
        PrometheusText.Sample inf = samples.get(2);
        assertEquals("vllm:time_to_first_token_seconds_bucket", inf.name());
        assertEquals("+Inf", inf.labels().get("le"));
        assertEquals("0", inf.labels().get("engine"));
        PrometheusText.Sample gauge = samples.get(10);
        assertEquals("a \"quoted\" \\ name\n", gauge.labels().get("model_name"));
        assertEquals(3.0, gauge.value());
        assertEquals(Double.POSITIVE_INFINITY, PrometheusText.parse("x +Inf").get(0).value());
        assertTrue(Double.isNaN(PrometheusText.parse("x NaN").get(0).value()));
    }

    @Test
    void aBrokenLineIsRejectedWithItsNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrometheusText.parse("# ok\nx{le=\"1\" 2\n"));
        assertTrue(e.getMessage().startsWith("line 2"), e.getMessage());
    }

    @Test
    void aHistogramSumsItsLabelSets() {
        HistogramSnapshot h = HistogramSnapshot.of("vllm:time_to_first_token_seconds",
                PrometheusText.parse(ttft(1, 2, 3, 0.5, 3, 4))).orElseThrow();

        assertEquals(1.0, h.buckets().get(0.1));
        assertEquals(6.0, h.buckets().get(0.5));
        assertEquals(7.0, h.buckets().get(Double.POSITIVE_INFINITY));
        assertEquals(1.5, h.sum(), 1e-12);
        assertEquals(7.0, h.count());
        assertTrue(HistogramSnapshot.of("vllm:absent_seconds", PrometheusText.parse(ttft(1, 2, 3, 0.5, 3, 4)))
                .isEmpty());
    }

    @Test
    void theRunWindowIsAfterMinusBeforeWithInterpolatedQuantiles() {
        String name = "vllm:time_to_first_token_seconds";
        HistogramSnapshot before = HistogramSnapshot.of(name, PrometheusText.parse(ttft(1, 2, 3, 0.5, 3, 4)))
                .orElseThrow();
        // 10 more observations on engine 0: 4 below 0.1 s, 6 in (0.1, 0.5]
        HistogramSnapshot after = HistogramSnapshot.of(name, PrometheusText.parse(ttft(5, 12, 13, 2.5, 13, 4)))
                .orElseThrow();

        HistogramWindow w = HistogramWindow.between(before, after);

        assertEquals(10.0, w.count());
        assertEquals(2.0, w.sum(), 1e-12);
        assertEquals(0.2, w.mean(), 1e-12);
        // rank 5 of 10: the 1st of the 6 in (0.1, 0.5] -> 0.1 + 0.4 * 1/6
        assertEquals(0.1 + 0.4 / 6, w.quantile(0.5), 1e-12);
        assertEquals(0.1 * 2.0 / 4, w.quantile(0.2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> HistogramWindow.between(after, before));
    }

    @Test
    void aRankInTheInfBucketReportsTheHighestFiniteBound() {
        String name = "vllm:time_to_first_token_seconds";
        HistogramSnapshot before = HistogramSnapshot.of(name, PrometheusText.parse(ttft(0, 0, 0, 0, 0, 0)))
                .orElseThrow();
        HistogramSnapshot after = HistogramSnapshot.of(name, PrometheusText.parse(ttft(0, 0, 4, 8, 4, 0)))
                .orElseThrow();

        assertEquals(0.5, HistogramWindow.between(before, after).quantile(0.9), 1e-12);
    }
}
