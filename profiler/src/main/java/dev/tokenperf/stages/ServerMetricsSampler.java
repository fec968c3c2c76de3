package dev.tokenperf.stages;

import dev.tokenperf.reports.servermetrics.MetricsScrape;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes a metrics endpoint at a fixed interval during the measured phase, on one daemon thread of its own, so
 * the gauges (requests running and waiting, KV-cache usage) become a time series. The client's event loops never
 * scrape or parse; at the default interval of a second the sampler costs a few milliseconds of CPU per second.
 * Failed samples are counted, not retried.
 */
final class ServerMetricsSampler {
    private final ServerMetricsScraper scraper;
    private final ScheduledExecutorService thread;
    /** Written by the sampling thread only; read after {@link #stop()} has joined it. */
    private final List<MetricsScrape> samples = new ArrayList<>();
    private int failures;
    private String lastFailure;

    private ServerMetricsSampler(ServerMetricsScraper scraper) {
        this.scraper = scraper;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tokenperf-server-metrics");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling; the first sample is taken one interval from now. */
    static ServerMetricsSampler start(ServerMetricsScraper scraper, Duration interval) {
        ServerMetricsSampler sampler = new ServerMetricsSampler(scraper);
        long nanos = interval.toNanos();
        sampler.thread.scheduleAtFixedRate(sampler::sample, nanos, nanos, TimeUnit.NANOSECONDS);
        return sampler;
    }

    private void sample() {
        try {
            samples.add(scraper.scrape());
        } catch (IOException e) {
            failures++;
            lastFailure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops sampling and returns the samples taken, in time order. A scrape in progress is waited for (at most its
     * timeout), so every answer the server gave is kept.
     */
    List<MetricsScrape> stop() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(scraper.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
            thread.shutdownNow();
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server metrics sampler did not stop");
            }
        }
        return List.copyOf(samples);
    }

    /** Samples that failed, after {@link #stop()}. */
    int failures() {
        return failures;
    }

    /** Why the last failed sample failed, after {@link #stop()}; null without failures. */
    String lastFailure() {
        return lastFailure;
    }
}
