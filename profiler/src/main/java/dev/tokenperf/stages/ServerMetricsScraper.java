package dev.tokenperf.stages;

import dev.tokenperf.reports.servermetrics.MetricsScrape;
import dev.tokenperf.reports.servermetrics.PrometheusText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Scrapes a Prometheus text endpoint (vLLM's, SGLang's or TensorRT-LLM's {@code /metrics}) for the serving
 * histograms, counters and gauges this profiler reports. It runs before and after the load on the command's
 * thread, and during it on the {@link ServerMetricsSampler}'s own thread, never on an event loop, so a plain
 * blocking JDK client is enough; the text is parsed on the same thread.
 */
public final class ServerMetricsScraper {
    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param timeout the longest wait for a connection and for the answer
     */
    public ServerMetricsScraper(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI url() {
        return url;
    }

    /** The longest wait for one scrape. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * One scrape: every known histogram, counter and gauge the endpoint exposes.
     *
     * @throws IOException naming the URL when the endpoint cannot be read or parsed
     */
    public MetricsScrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot scrape " + url + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        long atNanos = System.nanoTime();
        if (response.statusCode() / 100 != 2) {
            throw new IOException("scraping " + url + " answered HTTP " + response.statusCode());
        }
        List<PrometheusText.Sample> samples;
        try {
            samples = PrometheusText.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new IOException(url + ": " + e.getMessage(), e);
        }
        return MetricsScrape.of(atNanos, samples);
    }
}
