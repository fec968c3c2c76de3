package dev.tokenperf.reports.servermetrics;

import java.util.List;
import java.util.Optional;

/**
 * A counter or gauge reported over the run window, with the names vLLM, SGLang and TensorRT-LLM expose for it,
 * tried in that order (the first one the endpoint has is read). Prefix-cache counters count prompt tokens, not
 * requests, in all three servers.
 */
public enum ServerQuantity {
    PREFIX_CACHE_QUERIES(Kind.COUNTER, "prefix_cache_queries", "tokens", List.of("vllm:prefix_cache_queries_total",
            "vllm:gpu_prefix_cache_queries_total", "sglang:prompt_tokens_total", "trtllm_prompt_tokens_total")),
    PREFIX_CACHE_HITS(Kind.COUNTER, "prefix_cache_hits", "tokens", List.of("vllm:prefix_cache_hits_total",
            "vllm:gpu_prefix_cache_hits_total", "sglang:cached_tokens_total", "trtllm_prompt_cached_tokens_total")),
    PREEMPTIONS(Kind.COUNTER, "preemptions", "requests", List.of("vllm:num_preemptions_total",
            "sglang:num_retracted_requests_total")),
    REQUESTS_RUNNING(Kind.GAUGE, "requests_running", "requests", List.of("vllm:num_requests_running",
            "sglang:num_running_reqs", "trtllm_num_active_requests")),
    REQUESTS_WAITING(Kind.GAUGE, "requests_waiting", "requests", List.of("vllm:num_requests_waiting",
            "sglang:num_queue_reqs", "trtllm_server_queue_length")),
    KV_CACHE_USAGE(Kind.FRACTION_GAUGE, "kv_cache_usage", "fraction", List.of("vllm:kv_cache_usage_perc",
            "vllm:gpu_cache_usage_perc", "sglang:token_usage", "trtllm_kv_cache_utilization"));

    /** How a quantity is read and reported. */
    public enum Kind {
        /** Only goes up; reported as after minus before. */
        COUNTER,
        /** A level; sampled during the run, summed over label sets (engines). */
        GAUGE,
        /** A level between 0 and 1; sampled during the run, averaged over label sets (engines). */
        FRACTION_GAUGE
    }

    /** One reading of a quantity: the name it was found under and its value. */
    public record Reading(String metric, double value) {
    }

    private final Kind kind;
    private final String key;
    private final String unit;
    private final List<String> names;

    ServerQuantity(Kind kind, String key, String unit, List<String> names) {
        this.kind = kind;
        this.key = key;
        this.unit = unit;
        this.names = names;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isCounter() {
        return kind == Kind.COUNTER;
    }

    /** The key in {@code profile_export_aiperf.json}. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /** The names looked for, vLLM's first. */
    public List<String> names() {
        return names;
    }

    /** The quantity in one scrape, under the first of its names present, or empty. */
    public Optional<Reading> readFrom(List<PrometheusText.Sample> samples) {
        for (String name : names) {
            double total = 0;
            int series = 0;
            for (PrometheusText.Sample s : samples) {
                if (s.name().equals(name) && Double.isFinite(s.value())) {
                    total += s.value();
                    series++;
                }
            }
            if (series > 0) {
                return Optional.of(new Reading(name, kind == Kind.FRACTION_GAUGE ? total / series : total));
            }
        }
        return Optional.empty();
    }
}
