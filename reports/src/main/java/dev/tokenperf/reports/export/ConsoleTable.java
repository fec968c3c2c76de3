package dev.tokenperf.reports.export;

import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricSource;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.stages.ServerSideReport;
import dev.tokenperf.reports.summary.ErrorGroup;
import dev.tokenperf.reports.summary.RunSummary;

import java.util.Locale;
import java.util.Set;

/**
 * Renders a run's statistics for a terminal: one row per distribution metric (avg, min, max, p50, p90, p99,
 * std in display units), then the run-level lines and errors by kind. Pure: returns the text.
 */
public final class ConsoleTable {
    /**
     * Left out of the table when every request went out at its intended time (closed loop): the lag is then 0
     * and the response rows repeat the service rows. profile_export_aiperf.json keeps them.
     */
    private static final Set<MetricDefinition> SCHEDULE_FAMILY = Set.of(MetricRegistry.SCHEDULE_LAG,
            MetricRegistry.RESPONSE_TIME_TO_FIRST_TOKEN, MetricRegistry.RESPONSE_REQUEST_LATENCY);

    private static final String[] COLUMNS = {"avg", "min", "max", "p50", "p90", "p99", "std"};

    private ConsoleTable() {
    }

    public static String render(RunSummary summary) {
        int labelWidth = "Metric".length();
        for (MetricStatistics s : summary.statistics()) {
            labelWidth = Math.max(labelWidth, label(s).length());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, "%-" + labelWidth + "s", "Metric"));
        for (String c : COLUMNS) {
            out.append(String.format(Locale.US, " %11s", c));
        }
        out.append('\n').append("-".repeat(labelWidth + 12 * COLUMNS.length)).append('\n');
        boolean sentOnTime = summary.get(MetricRegistry.SCHEDULE_LAG).map(s -> s.max() == 0).orElse(true);
        for (MetricStatistics s : summary.statistics()) {
            if (!s.metric().isDistribution() || (sentOnTime && SCHEDULE_FAMILY.contains(s.metric()))) {
                continue;
            }
            out.append(String.format(Locale.US, "%-" + labelWidth + "s", label(s)));
            double[] values = {s.avg(), s.min(), s.max(), s.percentile(50), s.percentile(90),
                    s.percentile(99), s.std()};
            for (double v : values) {
                out.append(String.format(Locale.US, " %11.2f", v));
            }
            out.append('\n');
        }
        out.append('\n');
        for (MetricStatistics s : summary.statistics()) {
            if (!s.metric().isDistribution() && s.metric().source() != MetricSource.ENERGY
                    && s.metric().source() != MetricSource.PREFIX_CACHE) {
                out.append(String.format(Locale.US, "%-" + labelWidth + "s %11.2f%n", label(s), s.avg()));
            }
        }
        if (summary.sessions() != null) {
            out.append(SessionTable.render(summary.sessions()));
        }
        if (!summary.perModel().isEmpty()) {
            out.append(GroupTable.render("Model", summary.perModel()));
        }
        if (!summary.perUrl().isEmpty()) {
            out.append(GroupTable.render("URL", summary.perUrl()));
        }
        out.append(energy(summary));
        for (ErrorGroup e : summary.errors()) {
            out.append(String.format(Locale.US, "error %s%s: %d (%s)%n", e.example().kind().tag(),
                    e.example().httpStatus() == 0 ? "" : " " + e.example().httpStatus(), e.count(),
                    e.example().message()));
        }
        if (summary.retryAfterMillis() > 0) {
            out.append(String.format(Locale.US, "the server asked to back off %.1f s in total (Retry-After)%n",
                    summary.retryAfterMillis() / 1000.0));
        }
        if (summary.result().stop() != null) {
            out.append(summary.result().stop().describe()).append('\n');
        }
        if (summary.clientHealth() != null) {
            out.append(summary.clientHealth().describe()).append('\n');
        }
        if (summary.result().streaming()) {
            out.append('\n').append(summary.firstTokenVerdict().render());
        }
        out.append(ServerSideReport.render(summary.result(), clientPrefixCache(summary)));
        return out.toString();
    }

    /** The client-side hit rate, in a line of its own, or an empty string when no request reported it. */
    private static String clientPrefixCache(RunSummary summary) {
        return summary.get(MetricRegistry.CLIENT_PREFIX_CACHE_HIT_RATE)
                .map(rate -> String.format(Locale.US,
                        "prefix cache, client-side (usage cached_tokens): %.1f%% of input tokens cached, over %.0f"
                                + " requests reporting%n", rate.avg() * 100,
                        summary.get(MetricRegistry.CACHE_REPORTING_REQUEST_COUNT).orElseThrow().avg()))
                .orElse("");
    }

    /** The energy lines (their small values need more digits than the table's). */
    private static String energy(RunSummary summary) {
        if (summary.result().gpuEnergy().isEmpty()) {
            return "";
        }
        long requests = Math.round(summary.get(MetricRegistry.REQUEST_COUNT).map(MetricStatistics::avg).orElse(0d));
        long outputTokens = summary.get(MetricRegistry.OUTPUT_SEQUENCE_LENGTH).map(s -> Math.round(s.avg() * s.count()))
                .orElse(0L);
        return summary.result().gpuEnergy().describe(requests, outputTokens);
    }

    private static String label(MetricStatistics s) {
        return s.metric().header() + " (" + s.metric().unit().label() + ")";
    }
}
