package dev.tokenperf.stages;

import dev.tokenperf.reports.record.EmulatorLatenessReport;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.record.ServerEvidence;
import dev.tokenperf.reports.record.StageTimes;
import dev.tokenperf.reports.servermetrics.MetricsScrape;
import dev.tokenperf.reports.servermetrics.ServerMetricsWindow;
import dev.tokenperf.reports.stages.TtftBreakdown;
import dev.tokenperf.wire.EmulatorLateness;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Collects the server's side of one profile run: runs the stage-report receiver for the whole run, scrapes
 * the metrics endpoint (and reads the in-process emulator's own lateness, when {@link #watchEmulator watched})
 * right before the measured phase and after it, samples the endpoint in between ({@link ServerMetricsSampler}),
 * and after the load waits (bounded) for late stage reports, then hands back {@link ServerEvidence}. Problems
 * (unreachable endpoint, missing reports) become notes in the result rather than failing a run whose client
 * measurements are sound; a default endpoint that is not there is one note and is not tried again.
 */
public final class ServerSideCollector implements AutoCloseable {
    /** Reports are considered complete once none arrived for this long. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long POLL_MILLIS = 20;
    private static final String NONE_KNOWN = "exposes none of the vLLM, SGLang or TensorRT-LLM metrics tokenperf "
            + "reads";

    private final StageReportReceiver receiver;
    private final Duration reportWait;
    private ServerMetricsSource metrics;
    private ServerMetricsScraper scraper;
    /** Why the default endpoint is not scraped, repeated in every run's notes; null while it is. */
    private String skippedNote;
    private final List<String> notes = new ArrayList<>();
    private MetricsScrape first;
    private ServerMetricsSampler sampler;
    private Supplier<EmulatorLateness> emulatorLateness;
    private EmulatorLateness emulatorBefore;

    private ServerSideCollector(StageReportReceiver receiver, Duration reportWait, ServerMetricsSource metrics) {
        this.receiver = receiver;
        this.reportWait = reportWait;
        this.metrics = metrics;
        this.scraper = metrics.url() != null && metrics.url().isAbsolute()
                ? new ServerMetricsScraper(metrics.url(), metrics.timeout()) : null;
    }

    /**
     * @param reportPort the receiver's port (0 = any free one), or null for no receiver
     * @param reportWait longest wait for late reports after the load
     * @param metrics    the Prometheus endpoint (possibly a path on the profiled server, see
     *                   {@link #resolveAgainst}) and its sampling interval
     */
    public static ServerSideCollector open(Integer reportPort, Duration reportWait, ServerMetricsSource metrics)
            throws InterruptedException {
        StageReportReceiver receiver = reportPort == null ? null : StageReportReceiver.start(reportPort);
        return new ServerSideCollector(receiver, reportWait, metrics);
    }

    /** Resolves a metrics URL given as a path against the profiled server's base URL. */
    public void resolveAgainst(String serverBaseUrl) {
        URI url = metrics.url();
        if (url != null && !url.isAbsolute()) {
            metrics = new ServerMetricsSource(URI.create(serverBaseUrl + url), metrics.implicit(), metrics.interval());
            scraper = new ServerMetricsScraper(metrics.url(), metrics.timeout());
        }
    }

    /** Where servers should post stage reports, or null without a receiver. */
    public URI reportUrl() {
        return receiver == null ? null : receiver.reportUrl();
    }

    /** Also reports the in-process emulator's own lateness over each measured phase ({@code --emulate}). */
    public void watchEmulator(Supplier<EmulatorLateness> lateness) {
        this.emulatorLateness = lateness;
    }

    public boolean isActive() {
        return receiver != null || metrics.url() != null || emulatorLateness != null;
    }

    /**
     * Takes the "before" readings of the measured phase (the emulator's lateness, the metrics endpoint) and
     * starts sampling the endpoint.
     */
    public void beforeMeasuredPhase() throws InterruptedException {
        notes.clear();
        if (emulatorLateness != null) {
            emulatorBefore = emulatorLateness.get();
        }
        if (skippedNote != null) {
            notes.add(skippedNote);
        }
        if (scraper == null) {
            return;
        }
        try {
            first = scraper.scrape();
        } catch (IOException e) {
            if (metrics.implicit()) {
                skip("no server metrics: " + e.getMessage() + " (--no-server-metrics skips the attempt)");
            } else {
                notes.add("server metrics not reported: " + e.getMessage());
            }
            return;
        }
        if (metrics.implicit() && first.isEmpty()) {
            skip("no server metrics: " + scraper.url() + " " + NONE_KNOWN);
            return;
        }
        sampler = ServerMetricsSampler.start(scraper, metrics.interval());
    }

    private void skip(String note) {
        skippedNote = note;
        notes.add(note);
        scraper = null;
        first = null;
    }

    /** Scrapes again, waits for late reports, and returns the evidence for the measured records. */
    public ServerEvidence afterRun(RequestRecords measured) throws InterruptedException {
        // the load is over: the metrics window ends now, not after the wait for late stage reports
        ServerMetricsWindow window = metricsWindow();
        Map<String, StageTimes> merged = Map.of();
        if (receiver != null) {
            awaitReports(measured);
            Map<String, StageTimes> snapshot = receiver.store().snapshot();
            merged = snapshot;
            long expected = measured.stream().filter(RequestRecord::succeeded).count();
            long reported = measured.stream()
                    .filter(r -> r.succeeded() && TtftBreakdown.reportFor(snapshot, r.requestId()) != null).count();
            if (reported < expected) {
                notes.add((expected - reported) + " of " + expected + " successful requests got no stage report on "
                        + receiver.reportUrl());
            }
        }
        ServerEvidence evidence = window == null ? new ServerEvidence(merged, List.of(), notes)
                : new ServerEvidence(merged, window.histograms(), notes, window.activity());
        if (emulatorBefore == null) {
            return evidence;
        }
        EmulatorLateness late = emulatorLateness.get().minus(emulatorBefore);
        return evidence.withEmulatorLateness(EmulatorLatenessReport.of(late.firstChunkNanos(),
                late.laterChunksNanos()));
    }

    /** Stops sampling, scrapes again and returns the window, or null when the endpoint is not scraped. */
    private ServerMetricsWindow metricsWindow() throws InterruptedException {
        if (first == null) {
            return null;
        }
        List<MetricsScrape> scrapes = new ArrayList<>();
        scrapes.add(first);
        first = null;
        if (sampler != null) {
            scrapes.addAll(sampler.stop());
            if (sampler.failures() > 0) {
                notes.add(sampler.failures() + " sample(s) of " + scraper.url() + " failed during the run, the last: "
                        + sampler.lastFailure());
            }
            sampler = null;
        }
        try {
            MetricsScrape last = scraper.scrape();
            if (last.isEmpty()) {
                notes.add(scraper.url() + " " + NONE_KNOWN);
            }
            scrapes.add(last);
        } catch (IOException e) {
            notes.add("server metrics not reported: " + e.getMessage());
            return null;
        }
        ServerMetricsWindow window = ServerMetricsWindow.of(scrapes);
        notes.addAll(window.notes());
        return window;
    }

    /** Until every successful request has a report and none came for a while, at most {@code reportWait}. */
    private void awaitReports(RequestRecords measured) throws InterruptedException {
        long deadline = System.nanoTime() + reportWait.toNanos();
        StageReportStore store = receiver.store();
        while (System.nanoTime() < deadline) {
            Map<String, StageTimes> now = store.snapshot();
            boolean all = measured.stream().filter(RequestRecord::succeeded)
                    .allMatch(r -> TtftBreakdown.reportFor(now, r.requestId()) != null);
            if (all && System.nanoTime() - store.lastReportNanos() >= QUIET_NANOS) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void close() {
        if (sampler != null) {
            try {
                sampler.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (receiver != null) {
            receiver.close();
        }
    }
}
