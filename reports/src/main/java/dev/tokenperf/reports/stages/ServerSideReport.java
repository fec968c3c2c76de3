package dev.tokenperf.reports.stages;

import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.record.ServerEvidence;
import dev.tokenperf.reports.servermetrics.HistogramWindow;
import dev.tokenperf.reports.servermetrics.ServerActivity;
import dev.tokenperf.reports.servermetrics.ServerHistograms;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server's side of a saved run, for {@code profile_export_aiperf.json} ({@code ttft_breakdown}, {@code server_metrics})
 * and the console: the per-request {@link TtftBreakdown} from stage reports, and the server's histograms,
 * counters and gauges over the run window. Means add up where percentiles do not, so the histograms are compared with the
 * client by their means: TTFT remainder (mean) = client mean TTFT &minus; the server's mean
 * {@code time_to_first_token}.
 */
public final class ServerSideReport {
    private ServerSideReport() {
    }

    /**
     * Adds {@code ttft_breakdown}, {@code server_metrics} and {@code emulator_lateness} to a summary map when the
     * run has them.
     */
    public static void addTo(Map<String, Object> root, RunResult result) {
        ServerEvidence evidence = result.serverEvidence();
        TtftBreakdown breakdown = TtftBreakdown.of(result.measuredRecords(), evidence.stageReports());
        if (breakdown != null) {
            root.put("ttft_breakdown", breakdown.asExportMap());
        }
        ServerActivity activity = evidence.serverActivity();
        if (!evidence.serverHistograms().isEmpty() || !activity.isEmpty() || !evidence.notes().isEmpty()) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            Map<String, Object> histograms = new LinkedHashMap<>();
            for (HistogramWindow h : evidence.serverHistograms()) {
                histograms.put(h.name(), h.asExportMap());
            }
            metrics.put("window", "scrape after the run minus scrape before (all server traffic in between)");
            metrics.put("histograms", histograms);
            double remainder = meanRemainderMillis(result);
            if (Double.isFinite(remainder)) {
                metrics.put("client_mean_ttft_minus_server_mean_ttft_ms", remainder);
            }
            activity.addTo(metrics);
            metrics.put("notes", evidence.notes());
            root.put("server_metrics", metrics);
        }
        if (evidence.emulatorLateness() != null) {
            root.put("emulator_lateness", evidence.emulatorLateness().asExportMap());
        }
    }

    /**
     * The console sections, or an empty string when the run has no server-side evidence.
     *
     * @param clientCacheLine the client-side prefix-cache line (empty when no request reported cached tokens),
     *                        printed right after the server's activity so the two hit rates sit together
     */
    public static String render(RunResult result, String clientCacheLine) {
        ServerEvidence evidence = result.serverEvidence();
        StringBuilder out = new StringBuilder();
        TtftBreakdown breakdown = TtftBreakdown.of(result.measuredRecords(), evidence.stageReports());
        if (breakdown != null) {
            out.append('\n').append(breakdown.render());
        }
        if (!evidence.serverHistograms().isEmpty()) {
            out.append(String.format(Locale.US, "%nServer histograms over the run window (ms)%n%-42s %10s %10s"
                    + " %10s %10s %10s%n", "histogram", "count", "avg", "p50", "p90", "p99"));
            for (HistogramWindow h : evidence.serverHistograms()) {
                out.append(String.format(Locale.US, "%-42s %10.0f %10.2f %10.2f %10.2f %10.2f%n", h.name(),
                        h.count(), h.mean() * 1e3, h.quantile(0.5) * 1e3, h.quantile(0.9) * 1e3,
                        h.quantile(0.99) * 1e3));
            }
            double remainder = meanRemainderMillis(result);
            if (Double.isFinite(remainder)) {
                out.append(String.format(Locale.US, "client mean TTFT - server mean TTFT: %.2f ms%n", remainder));
            }
        }
        out.append(evidence.serverActivity().render());
        out.append(clientCacheLine);
        for (String note : evidence.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        if (evidence.emulatorLateness() != null) {
            out.append(evidence.emulatorLateness().describe()).append('\n');
        }
        return out.toString();
    }

    private static double meanRemainderMillis(RunResult result) {
        HistogramWindow server = result.serverEvidence().serverHistograms().stream()
                .filter(h -> ServerHistograms.TTFT.contains(h.name())).findFirst().orElse(null);
        if (server == null || !(server.count() > 0)) {
            return Double.NaN;
        }
        RequestRecords records = result.measuredRecords();
        double sum = 0;
        int n = 0;
        for (RequestRecord r : records) {
            if (r.succeeded() && r.streaming() && r.chunkCount() > 0) {
                sum += MetricRegistry.ttftNanos(r) / 1e6;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n - server.mean() * 1e3;
    }
}
