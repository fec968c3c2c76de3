package dev.tokenperf.reports.servermetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * vLLM's prefix-cache counters, in tokens: {@code vllm:prefix_cache_queries_total} (prompt tokens looked up)
 * and {@code vllm:prefix_cache_hits_total} (of those, tokens found cached), summed over every label set
 * (model, engine). A window over a run is the scrape after it minus the scrape before it.
 *
 * @param queriedTokens prompt tokens looked up in the cache
 * @param hitTokens     of those, tokens served from the cache
 */
public record PrefixCacheCounters(double queriedTokens, double hitTokens) {
    public static final String QUERIES = "vllm:prefix_cache_queries_total";
    public static final String HITS = "vllm:prefix_cache_hits_total";

    /** The counters in a scrape, or empty when the server exposes neither (no prefix cache, or not vLLM). */
    public static Optional<PrefixCacheCounters> of(List<PrometheusText.Sample> samples) {
        double queries = 0;
        double hits = 0;
        boolean found = false;
        for (PrometheusText.Sample s : samples) {
            if (s.name().equals(QUERIES)) {
                queries += s.value();
                found = true;
            } else if (s.name().equals(HITS)) {
                hits += s.value();
                found = true;
            }
        }
        return found ? Optional.of(new PrefixCacheCounters(queries, hits)) : Optional.empty();
    }

    /**
     * The counts between {@code before} and this scrape.
     *
     * @throws IllegalArgumentException when a counter went down (the server restarted in between)
     */
    public PrefixCacheCounters minus(PrefixCacheCounters before) {
        if (queriedTokens < before.queriedTokens || hitTokens < before.hitTokens) {
            throw new IllegalArgumentException("prefix-cache counters went down during the run (server restarted?); "
                    + "hit rate not reported");
        }
        return new PrefixCacheCounters(queriedTokens - before.queriedTokens, hitTokens - before.hitTokens);
    }

    /** Hit tokens over queried tokens; NaN when nothing was queried. */
    public double hitRate() {
        return queriedTokens > 0 ? hitTokens / queriedTokens : Double.NaN;
    }

    /** The {@code prefix_cache} section of {@code summary.json}. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", "server counters " + QUERIES + " / " + HITS + ", after the run minus before");
        map.put("queried_tokens", (long) queriedTokens);
        map.put("hit_tokens", (long) hitTokens);
        double rate = hitRate();
        map.put("hit_rate", Double.isNaN(rate) ? null : rate);
        return map;
    }
}
