package dev.tokenperf.reports.stages;

import dev.tokenperf.reports.servermetrics.HistogramWindow;
import dev.tokenperf.reports.servermetrics.PrefixCacheCounters;

import java.util.List;
import java.util.Map;

/**
 * What the server said about a run, collected beside the client's records: stage reports per request id
 * ({@code --stage-report-port}) and its own histograms over the run window ({@code --server-metrics-url}).
 *
 * @param stageReports     merged stage times by request id (may name requests of other runs; joined by id)
 * @param serverHistograms the server's histograms, after minus before the run
 * @param notes            problems worth showing (a failed scrape, reports that never came)
 * @param emulatorLateness the built-in emulator's own lateness over the measured phase, or null when the
 *                         server is not the in-process emulator
 * @param prefixCache      the server's prefix-cache counters over the run window, or null when it exposes none
 */
public record ServerEvidence(Map<String, StageTimes> stageReports, List<HistogramWindow> serverHistograms,
                             List<String> notes, EmulatorLatenessReport emulatorLateness,
                             PrefixCacheCounters prefixCache) {

    /** Nothing was collected. */
    public static final ServerEvidence NONE = new ServerEvidence(Map.of(), List.of(), List.of());

    /** Evidence without an emulator account. */
    public ServerEvidence(Map<String, StageTimes> stageReports, List<HistogramWindow> serverHistograms,
                          List<String> notes) {
        this(stageReports, serverHistograms, notes, null, null);
    }

    /** The same evidence with the emulator's own lateness. */
    public ServerEvidence withEmulatorLateness(EmulatorLatenessReport lateness) {
        return new ServerEvidence(stageReports, serverHistograms, notes, lateness, prefixCache);
    }

    /** The same evidence with the server's prefix-cache counters over the run window. */
    public ServerEvidence withPrefixCache(PrefixCacheCounters window) {
        return new ServerEvidence(stageReports, serverHistograms, notes, emulatorLateness, window);
    }

    public ServerEvidence {
        stageReports = Map.copyOf(stageReports);
        serverHistograms = List.copyOf(serverHistograms);
        notes = List.copyOf(notes);
    }
}
