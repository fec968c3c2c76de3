package dev.tokenperf.stages;

import dev.tokenperf.emulator.EmulatorLateness;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.servermetrics.HistogramSnapshot;
import dev.tokenperf.reports.servermetrics.HistogramWindow;
import dev.tokenperf.reports.servermetrics.PrefixCacheCounters;
import dev.tokenperf.reports.stages.EmulatorLatenessReport;
import dev.tokenperf.reports.stages.ServerEvidence;
import dev.tokenperf.reports.stages.StageTimes;
import dev.tokenperf.reports.stages.TtftBreakdown;

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
 * right before the measured phase and after it, and after the load waits (bounded) for late stage reports,
 * then hands back {@link ServerEvidence}. Problems (unreachable endpoint, missing
 * reports) become notes in the result rather than failing a run whose client measurements are sound.
 */
public final class ServerSideCollector implements AutoCloseable {
    /** Reports are considered complete once none arrived for this long. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long POLL_MILLIS = 20;

    private final StageReportReceiver receiver;
    private final Duration reportWait;
    private URI metricsUrl;
    private ServerMetricsScraper scraper;
    private final List<String> notes = new ArrayList<>();
    private ServerMetricsScraper.Scrape before;
    private Supplier<EmulatorLateness> emulatorLateness;
    private EmulatorLateness emulatorBefore;

    private ServerSideCollector(StageReportReceiver receiver, Duration reportWait, URI metricsUrl) {
        this.receiver = receiver;
        this.reportWait = reportWait;
        this.metricsUrl = metricsUrl;
        this.scraper = metricsUrl != null && metricsUrl.isAbsolute() ? new ServerMetricsScraper(metricsUrl) : null;
    }

    /**
     * @param reportPort the receiver's port (0 = any free one), or null for no receiver
     * @param reportWait longest wait for late reports after the load
     * @param metricsUrl the Prometheus endpoint, a path on the profiled server (see {@link #resolveAgainst}),
     *                   or null
     */
    public static ServerSideCollector open(Integer reportPort, Duration reportWait, URI metricsUrl)
            throws InterruptedException {
        StageReportReceiver receiver = reportPort == null ? null : StageReportReceiver.start(reportPort);
        return new ServerSideCollector(receiver, reportWait, metricsUrl);
    }

    /** Resolves a metrics URL given as a path against the profiled server's base URL. */
    public void resolveAgainst(String serverBaseUrl) {
        if (metricsUrl != null && !metricsUrl.isAbsolute()) {
            metricsUrl = URI.create(serverBaseUrl + metricsUrl);
            scraper = new ServerMetricsScraper(metricsUrl);
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
        return receiver != null || metricsUrl != null || emulatorLateness != null;
    }

    /** Takes the "before" readings of the measured phase: the emulator's lateness, the metrics endpoint. */
    public void beforeMeasuredPhase() throws InterruptedException {
        if (emulatorLateness != null) {
            emulatorBefore = emulatorLateness.get();
        }
        if (scraper == null) {
            return;
        }
        try {
            before = scraper.scrape();
        } catch (IOException e) {
            notes.add("server metrics not reported: " + e.getMessage());
        }
    }

    /** Waits for late reports, scrapes again, and returns the evidence for the measured records. */
    public ServerEvidence afterRun(RequestRecords measured) throws InterruptedException {
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
        List<HistogramWindow> windows = new ArrayList<>();
        PrefixCacheCounters prefixCache = null;
        if (scraper != null && before != null) {
            try {
                ServerMetricsScraper.Scrape scrape = scraper.scrape();
                Map<String, HistogramSnapshot> after = scrape.histograms();
                prefixCache = prefixCacheWindow(before.prefixCache(), scrape.prefixCache());
                for (Map.Entry<String, HistogramSnapshot> e : after.entrySet()) {
                    HistogramSnapshot start = before.histograms().get(e.getKey());
                    if (start == null) {
                        notes.add(e.getKey() + " appeared only after the run; not reported");
                        continue;
                    }
                    try {
                        windows.add(HistogramWindow.between(start, e.getValue()));
                    } catch (IllegalArgumentException bad) {
                        notes.add(bad.getMessage());
                    }
                }
                if (after.isEmpty()) {
                    notes.add(scraper.url() + " exposes none of " + ServerMetricsScraper.HISTOGRAMS);
                }
            } catch (IOException e) {
                notes.add("server metrics not reported: " + e.getMessage());
            }
        }
        ServerEvidence evidence = new ServerEvidence(merged, windows, notes).withPrefixCache(prefixCache);
        if (emulatorBefore == null) {
            return evidence;
        }
        EmulatorLateness late = emulatorLateness.get().minus(emulatorBefore);
        return evidence.withEmulatorLateness(EmulatorLatenessReport.of(late.firstChunkNanos(),
                late.laterChunksNanos()));
    }

    /** The counters' window, or null (with a note when they changed under the run) when there is none. */
    private PrefixCacheCounters prefixCacheWindow(PrefixCacheCounters start, PrefixCacheCounters end) {
        if (start == null || end == null) {
            return null;
        }
        try {
            return end.minus(start);
        } catch (IllegalArgumentException e) {
            notes.add(e.getMessage());
            return null;
        }
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
        if (receiver != null) {
            receiver.close();
        }
    }
}
