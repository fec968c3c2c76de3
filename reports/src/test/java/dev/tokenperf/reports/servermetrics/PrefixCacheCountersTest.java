package dev.tokenperf.reports.servermetrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrefixCacheCountersTest {

    @Test
    void sumsEveryLabelSetAndTakesTheWindow() {
        PrefixCacheCounters before = PrefixCacheCounters.of(PrometheusText.parse("""
                vllm:prefix_cache_queries_total{engine="0",model_name="m"} 100
                vllm:prefix_cache_queries_total{engine="1",model_name="m"} 50
                vllm:prefix_cache_hits_total{engine="0",model_name="m"} 20
                vllm:prefix_cache_hits_total{engine="1",model_name="m"} 10
                """)).orElseThrow();
        PrefixCacheCounters after = new PrefixCacheCounters(1150, 830);
        PrefixCacheCounters window = after.minus(before);
        assertEquals(new PrefixCacheCounters(1000, 800), window);
        assertEquals(0.8, window.hitRate());
        assertEquals(800L, window.asExportMap().get("hit_tokens"));
    }

    @Test
    void absentCountersAndAnEmptyWindowSayNothing() {
        assertTrue(PrefixCacheCounters.of(PrometheusText.parse("vllm:num_requests_running 3\n")).isEmpty());
        assertTrue(Double.isNaN(new PrefixCacheCounters(0, 0).hitRate()));
        assertEquals(null, new PrefixCacheCounters(0, 0).asExportMap().get("hit_rate"));
    }

    @Test
    void aCounterThatWentDownIsARestartNotANegativeRate() {
        assertThrows(IllegalArgumentException.class,
                () -> new PrefixCacheCounters(10, 5).minus(new PrefixCacheCounters(100, 50)));
    }
}
