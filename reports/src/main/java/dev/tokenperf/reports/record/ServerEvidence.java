package dev.tokenperf.reports.record;

import dev.tokenperf.reports.servermetrics.HistogramWindow;
import dev.tokenperf.reports.servermetrics.ServerActivity;

import java.util.List;
import java.util.Map;

/**
 * What the server said about a run, collected beside the client's records: stage reports per request id
 * ({@code --stage-report-port}) its own histograms, counters and gauges over the run window (its {@code /metrics}).
 *
 * @param stageReports     merged stage times by request id (may name requests of other runs; joined by id)
 * @param serverHistograms the server's histograms, after minus before the run
 * @param notes            problems worth showing (a failed scrape, reports that never came)
 * @param emulatorLateness the built-in emulator's own lateness over the measured phase, or null when the
 *                         server is not the in-process emulator
 * @param serverActivity   the server's counters and sampled gauges over the run window
 */
public record ServerEvidence(Map<String, StageTimes> stageReports, List<HistogramWindow> serverHistograms,
                             List<String> notes, EmulatorLatenessReport emulatorLateness,
                             ServerActivity serverActivity) {

    /** Nothing was collected. */
    public static final ServerEvidence NONE = new ServerEvidence(Map.of(), List.of(), List.of());

    /** Evidence without an emulator account. */
    public ServerEvidence(Map<String, StageTimes> stageReports, List<HistogramWindow> serverHistograms,
                          List<String> notes) {
        this(stageReports, serverHistograms, notes, null, ServerActivity.NONE);
    }

    /** Evidence with the server's histograms and activity, without an emulator account. */
    public ServerEvidence(Map<String, StageTimes> stageReports, List<HistogramWindow> serverHistograms,
                          List<String> notes, ServerActivity serverActivity) {
        this(stageReports, serverHistograms, notes, null, serverActivity);
    }

    /** The same evidence with the emulator's own lateness. */
    public ServerEvidence withEmulatorLateness(EmulatorLatenessReport lateness) {
        return new ServerEvidence(stageReports, serverHistograms, notes, lateness, serverActivity);
    }

    public ServerEvidence {
        stageReports = Map.copyOf(stageReports);
        serverHistograms = List.copyOf(serverHistograms);
        notes = List.copyOf(notes);
        serverActivity = serverActivity == null ? ServerActivity.NONE : serverActivity;
    }
}
