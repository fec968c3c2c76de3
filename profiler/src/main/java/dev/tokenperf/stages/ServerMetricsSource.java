package dev.tokenperf.stages;

import java.net.URI;
import java.time.Duration;

/**
 * Where the server's metrics are scraped from and how often they are sampled during the run.
 *
 * @param url      an absolute URL, a path on the profiled server (such as {@code /metrics}), or null for none
 * @param implicit whether the URL is the default ({@code /metrics} on the profiled server) rather than one the
 *                 user gave: a default endpoint that does not answer is skipped with one note, quickly
 * @param interval time between samples during the measured phase
 */
public record ServerMetricsSource(URI url, boolean implicit, Duration interval) {
    /** The path scraped on the profiled server unless told otherwise. */
    public static final String DEFAULT_PATH = "/metrics";

    /** No scraping ({@code --no-server-metrics}). */
    public static final ServerMetricsSource OFF = new ServerMetricsSource(null, false, Duration.ofSeconds(1));

    public ServerMetricsSource {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the sampling interval (" + interval + ") must be > 0");
        }
    }

    /** The longest wait for one scrape: short for the default endpoint, so a server without one costs little. */
    Duration timeout() {
        return implicit ? Duration.ofSeconds(2) : Duration.ofSeconds(10);
    }
}
