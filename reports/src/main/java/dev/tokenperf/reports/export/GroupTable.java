package dev.tokenperf.reports.export;

import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.summary.GroupSummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups beside the totals (each model of {@code -m a,b}, each server of {@code --url a --url b}), for the
 * terminal and for {@code profile_export_aiperf.json} (a tokenperf addition beside aiperf's fields). Pure.
 */
public final class GroupTable {
    private static final List<MetricDefinition> PERCENTILES = List.of(MetricRegistry.TIME_TO_FIRST_TOKEN,
            MetricRegistry.INTER_TOKEN_LATENCY, MetricRegistry.REQUEST_LATENCY);

    private GroupTable() {
    }

    /**
     * One row per group: requests, errors, TTFT, ITL and latency p50/p99 (ms), output token throughput.
     *
     * @param title what the groups are, e.g. {@code Model}
     */
    public static String render(String title, List<GroupSummary> groups) {
        StringBuilder out = new StringBuilder();
        int width = Math.max(title.length(), groups.stream().mapToInt(g -> g.key().length()).max().orElse(0));
        out.append(String.format(Locale.US, "%n%-" + width + "s %9s %7s", title, "requests", "errors"));
        for (String name : List.of("TTFT", "ITL", "latency")) {
            out.append(String.format(Locale.US, " %12s %9s", name + " p50", "p99"));
        }
        out.append(String.format(Locale.US, " %12s%n", "out tok/s"));
        for (GroupSummary g : groups) {
            out.append(String.format(Locale.US, "%-" + width + "s %9d %7d", g.key(), g.requests(), g.errors()));
            for (MetricDefinition metric : PERCENTILES) {
                MetricStatistics s = g.get(metric).orElse(null);
                out.append(s == null ? String.format(Locale.US, " %12s %9s", "-", "-")
                        : String.format(Locale.US, " %12.2f %9.2f", s.percentile(50), s.percentile(99)));
            }
            out.append(String.format(Locale.US, " %12.2f%n", g.get(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT)
                    .map(MetricStatistics::avg).orElse(0.0)));
        }
        return out.toString();
    }

    /**
     * The JSON section: one object per group, {@code keyName} its name, then every metric it has (its counts are
     * the {@code request_count} and {@code error_request_count} metrics).
     */
    public static List<Map<String, Object>> asExportList(String keyName, List<GroupSummary> groups) {
        return groups.stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(keyName, g.key());
            g.statistics().forEach(s -> m.put(s.metric().tag(), s.asExportMap()));
            return m;
        }).toList();
    }
}
