package dev.tokenperf.stages;

import dev.tokenperf.reports.servermetrics.PrometheusText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A Prometheus text endpoint read with the JDK's blocking client: for scrapes made off the event loops
 * (before and after a run, or from a telemetry thread).
 */
public final class PrometheusEndpoint {
    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    public PrometheusEndpoint(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI url() {
        return url;
    }

    /**
     * Every sample the endpoint serves now.
     *
     * @throws IOException naming the URL when it cannot be read or its text parsed
     */
    public List<PrometheusText.Sample> samples() throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot scrape " + url + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("scraping " + url + " answered HTTP " + response.statusCode());
        }
        try {
            return PrometheusText.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new IOException(url + ": " + e.getMessage(), e);
        }
    }
}
