package dev.tokenperf.stages;

import dev.tokenperf.reports.servermetrics.HistogramSnapshot;
import dev.tokenperf.reports.servermetrics.PrefixCacheCounters;
import dev.tokenperf.reports.servermetrics.PrometheusText;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scrapes a Prometheus text endpoint (vLLM's {@code /metrics}) for the serving histograms and the prefix-cache
 * counters. It runs only
 * before and after the load, never during it, so a plain blocking JDK client is enough.
 */
public final class ServerMetricsScraper {
    /** The histograms reported, with the names vLLM exposes. */
    public static final List<String> HISTOGRAMS = List.of("vllm:time_to_first_token_seconds",
            "vllm:request_queue_time_seconds", "vllm:request_prefill_time_seconds",
            "vllm:request_decode_time_seconds", "vllm:inter_token_latency_seconds");

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PrometheusEndpoint endpoint;

    public ServerMetricsScraper(URI url) {
        this.endpoint = new PrometheusEndpoint(url, TIMEOUT);
    }

    public URI url() {
        return endpoint.url();
    }

    /**
     * What one scrape found.
     *
     * @param histograms  every listed histogram the endpoint exposes, by name
     * @param prefixCache vLLM's prefix-cache counters, or null when the endpoint exposes none
     */
    public record Scrape(Map<String, HistogramSnapshot> histograms, PrefixCacheCounters prefixCache) {
    }

    /**
     * One scrape of the endpoint.
     *
     * @throws IOException naming the URL when the endpoint cannot be read or parsed
     */
    public Scrape scrape() throws IOException, InterruptedException {
        List<PrometheusText.Sample> samples = endpoint.samples();
        Map<String, HistogramSnapshot> found = new LinkedHashMap<>();
        for (String name : HISTOGRAMS) {
            HistogramSnapshot.of(name, samples).ifPresent(h -> found.put(name, h));
        }
        return new Scrape(found, PrefixCacheCounters.of(samples).orElse(null));
    }
}
