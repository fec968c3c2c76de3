package dev.tokenperf.emulator;

import dev.tokenperf.reports.servermetrics.MetricsScrape;
import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingSchedule;
import dev.tokenperf.reports.servermetrics.PrometheusText;
import dev.tokenperf.reports.servermetrics.ServerQuantity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulatorMetricsTest {
    private static final long MS = 1_000_000L;

    private static MetricsScrape scrape(EmulatorMetrics metrics) {
        return MetricsScrape.of(0, PrometheusText.parse(metrics.render()));
    }

    private static double value(MetricsScrape scrape, ServerQuantity q) {
        return scrape.readings().get(q).value();
    }

    @Test
    void histogramsAppearAtTheirFirstObservationWhileCountersAndGaugesStartAtZero() {
        EmulatorMetrics metrics = new EmulatorMetrics("m");

        MetricsScrape fresh = scrape(metrics);

        assertTrue(fresh.histograms().isEmpty(), metrics.render());
        for (ServerQuantity q : new ServerQuantity[] {ServerQuantity.REQUESTS_RUNNING, ServerQuantity.REQUESTS_WAITING,
                ServerQuantity.PREFIX_CACHE_QUERIES, ServerQuantity.PREFIX_CACHE_HITS, ServerQuantity.PREEMPTIONS}) {
            assertEquals(0.0, value(fresh, q), q.name());
        }
        assertFalse(fresh.readings().containsKey(ServerQuantity.KV_CACHE_USAGE), "no KV-cache model, no usage");
    }

    @Test
    void requestsMoveFromWaitingToRunningToFinished() {
        EmulatorMetrics metrics = new EmulatorMetrics("m");
        ServingSchedule schedule = new ServingSchedule(ServingMode.AGGREGATED, 3 * MS, 20 * MS, 0, 0, 5 * MS,
                23 * MS, 23 * MS);

        metrics.queued();
        metrics.queued();
        metrics.started(false);
        metrics.prefixCacheLookup(100, 0);
        metrics.prefixCacheLookup(60, 40);
        MetricsScrape busy = scrape(metrics);
        metrics.started(true);
        metrics.finished(schedule, 4);
        MetricsScrape later = scrape(metrics);

        assertEquals(2.0, value(busy, ServerQuantity.REQUESTS_WAITING));
        assertEquals(1.0, value(busy, ServerQuantity.REQUESTS_RUNNING));
        assertEquals(160.0, value(busy, ServerQuantity.PREFIX_CACHE_QUERIES));
        assertEquals(40.0, value(busy, ServerQuantity.PREFIX_CACHE_HITS));
        assertEquals(1.0, value(later, ServerQuantity.REQUESTS_WAITING));
        assertEquals(1.0, value(later, ServerQuantity.REQUESTS_RUNNING));
        assertEquals(1.0, later.histograms().get("vllm:time_to_first_token_seconds").count());
        assertEquals(0.023, later.histograms().get("vllm:time_to_first_token_seconds").sum(), 1e-9);
        // 4 tokens: 3 gaps of one 5 ms step each
        assertEquals(3.0, later.histograms().get("vllm:inter_token_latency_seconds").count());
        assertEquals(5, later.histograms().size(), later.histograms().keySet().toString());
    }
}
