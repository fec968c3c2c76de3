package dev.tokenperf.stages;

import dev.tokenperf.reports.servermetrics.MetricsScrape;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Scrapes a Prometheus text endpoint (vLLM's, SGLang's or TensorRT-LLM's {@code /metrics}) for the serving
 * histograms, counters and gauges this profiler reports. It runs before and after the load on the command's
 * thread, and during it on the {@link ServerMetricsSampler}'s own thread, never on an event loop, so the
 * blocking {@link PrometheusEndpoint} is enough; the text is parsed on the same thread.
 */
public final class ServerMetricsScraper {
    private final PrometheusEndpoint endpoint;
    private final Duration timeout;

    /**
     * @param timeout the longest wait for a connection and for the answer
     */
    public ServerMetricsScraper(URI url, Duration timeout) {
        this.endpoint = new PrometheusEndpoint(url, timeout);
        this.timeout = timeout;
    }

    public URI url() {
        return endpoint.url();
    }

    /** The longest wait for one scrape. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * One scrape: every known histogram, counter and gauge the endpoint exposes, stamped when it answered.
     *
     * @throws IOException naming the URL when the endpoint cannot be read or parsed
     */
    public MetricsScrape scrape() throws IOException, InterruptedException {
        var samples = endpoint.samples();
        return MetricsScrape.of(System.nanoTime(), samples);
    }
}
