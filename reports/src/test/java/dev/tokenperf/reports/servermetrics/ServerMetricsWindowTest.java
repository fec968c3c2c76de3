package dev.tokenperf.reports.servermetrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerMetricsWindowTest {
    private static final long MS = 1_000_000L;

    private static MetricsScrape scrape(long atMillis, String text) {
        return MetricsScrape.of(atMillis * MS, PrometheusText.parse(text));
    }

    private static String ttft(int fast, int slow, double sum) {
        return "vllm:time_to_first_token_seconds_bucket{le=\"0.1\",model_name=\"m\"} " + fast + "\n"
                + "vllm:time_to_first_token_seconds_bucket{le=\"1.0\",model_name=\"m\"} " + (fast + slow) + "\n"
                + "vllm:time_to_first_token_seconds_bucket{le=\"+Inf\",model_name=\"m\"} " + (fast + slow) + "\n"
                + "vllm:time_to_first_token_seconds_sum{model_name=\"m\"} " + sum + "\n"
                + "vllm:time_to_first_token_seconds_count{model_name=\"m\"} " + (fast + slow) + "\n";
    }

    @Test
    void aHistogramBornDuringTheWindowCountsFromZero() {
        MetricsScrape before = scrape(0, "vllm:num_requests_running 0\n");
        MetricsScrape after = scrape(2000, ttft(3, 1, 0.9));

        ServerMetricsWindow window = ServerMetricsWindow.of(List.of(before, after));

        assertEquals(List.of(), window.notes());
        HistogramWindow h = window.histograms().get(0);
        assertEquals("vllm:time_to_first_token_seconds", h.name());
        assertEquals(4.0, h.count());
        assertEquals(0.9, h.sum(), 1e-12);
        assertEquals(3.0, h.buckets().get(0.1));
    }

    @Test
    void aHistogramPresentBeforeIsAfterMinusBefore() {
        ServerMetricsWindow window = ServerMetricsWindow.of(List.of(scrape(0, ttft(2, 0, 0.1)),
                scrape(1000, ttft(5, 2, 1.6))));

        HistogramWindow h = window.histograms().get(0);
        assertEquals(5.0, h.count());
        assertEquals(1.5, h.sum(), 1e-12);
        assertEquals(3.0, h.buckets().get(0.1));
    }

    @Test
    void countersAreAfterMinusBeforeWithTheHitRate() {
        MetricsScrape before = scrape(0, """
                vllm:prefix_cache_queries_total{engine="0"} 100
                vllm:prefix_cache_queries_total{engine="1"} 50
                vllm:prefix_cache_hits_total{engine="0"} 10
                vllm:prefix_cache_hits_total{engine="1"} 0
                """);
        MetricsScrape after = scrape(4000, """
                vllm:prefix_cache_queries_total{engine="0"} 500
                vllm:prefix_cache_queries_total{engine="1"} 450
                vllm:prefix_cache_hits_total{engine="0"} 210
                vllm:prefix_cache_hits_total{engine="1"} 0
                vllm:num_preemptions_total 3
                """);

        ServerActivity activity = ServerMetricsWindow.of(List.of(before, after)).activity();

        CounterWindow queries = activity.counter(ServerQuantity.PREFIX_CACHE_QUERIES);
        assertEquals(800.0, queries.total());
        assertEquals(200.0, queries.ratePerSecond(), 1e-12);
        assertEquals(200.0, activity.counter(ServerQuantity.PREFIX_CACHE_HITS).total());
        assertEquals(0.25, activity.prefixCacheHitRate(), 1e-12);
        // born during the window: counted from zero
        assertEquals(3.0, activity.counter(ServerQuantity.PREEMPTIONS).total());
        assertTrue(activity.render().contains("prefix cache: 200 of 800 queried tokens hit (25.0%)"),
                activity.render());
    }

    @Test
    void aCounterThatWentDownIsANote() {
        ServerMetricsWindow window = ServerMetricsWindow.of(List.of(scrape(0, "vllm:num_preemptions_total 9\n"),
                scrape(10, "vllm:num_preemptions_total 1\n")));

        assertNull(window.activity().counter(ServerQuantity.PREEMPTIONS));
        assertEquals(List.of("vllm:num_preemptions_total went down during the run (server restarted?)"),
                window.notes());
    }

    @Test
    void gaugesAreSampledThroughTheWindow() {
        ServerMetricsWindow window = ServerMetricsWindow.of(List.of(
                scrape(100, "vllm:num_requests_running 0\nvllm:num_requests_waiting 0\n"),
                scrape(600, "vllm:num_requests_running{engine=\"0\"} 3\nvllm:num_requests_running{engine=\"1\"} 1\n"
                        + "vllm:num_requests_waiting 2\n"),
                scrape(1100, "vllm:num_requests_running 2\nvllm:num_requests_waiting 0\n")));

        GaugeSeries running = window.activity().gauge(ServerQuantity.REQUESTS_RUNNING);
        assertEquals(List.of(new GaugeSeries.Sample(0, 0), new GaugeSeries.Sample(500, 4),
                new GaugeSeries.Sample(1000, 2)), running.samples());
        assertEquals(2.0, running.mean(), 1e-12);
        assertEquals(4.0, running.max());
        assertEquals(2.0, window.activity().gauge(ServerQuantity.REQUESTS_WAITING).max());
        Map<String, Object> export = running.asExportMap();
        assertEquals("vllm:num_requests_running", export.get("metric"));
        assertEquals(3, export.get("samples"));
        assertEquals(2.0, export.get("last"));
    }

    @Test
    void sglangAndTensorRtLlmNamesAreUnderstood() {
        ServerActivity sglang = ServerMetricsWindow.of(List.of(
                scrape(0, "sglang:prompt_tokens_total 0\nsglang:cached_tokens_total 0\nsglang:token_usage 0.5\n"
                        + "sglang:num_running_reqs 1\nsglang:num_queue_reqs 4\n"),
                scrape(1000, "sglang:prompt_tokens_total 40\nsglang:cached_tokens_total 30\nsglang:token_usage 0.7\n"
                        + "sglang:num_running_reqs 2\nsglang:num_queue_reqs 0\n"))).activity();
        assertEquals(0.75, sglang.prefixCacheHitRate(), 1e-12);
        assertEquals("sglang:num_queue_reqs", sglang.gauge(ServerQuantity.REQUESTS_WAITING).metric());
        assertEquals(0.6, sglang.gauge(ServerQuantity.KV_CACHE_USAGE).mean(), 1e-12);

        // a fraction is averaged over engines, a count summed
        ServerActivity trt = ServerMetricsWindow.of(List.of(
                scrape(0, "trtllm_kv_cache_utilization{e=\"0\"} 0.2\ntrtllm_kv_cache_utilization{e=\"1\"} 0.4\n"
                        + "trtllm_num_active_requests{e=\"0\"} 2\ntrtllm_num_active_requests{e=\"1\"} 3\n"),
                scrape(1000, "trtllm_kv_cache_utilization 0.5\n"))).activity();
        assertEquals(0.3, trt.gauge(ServerQuantity.KV_CACHE_USAGE).samples().get(0).value(), 1e-12);
        assertEquals(5.0, trt.gauge(ServerQuantity.REQUESTS_RUNNING).max());
    }

    @Test
    void aWindowNeedsTwoScrapes() {
        assertThrows(IllegalArgumentException.class, () -> ServerMetricsWindow.of(List.of(scrape(0, ""))));
    }
}
