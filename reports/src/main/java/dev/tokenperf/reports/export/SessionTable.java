package dev.tokenperf.reports.export;

import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.summary.SessionSummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session run's sessions, for the terminal and for {@code profile_export_aiperf.json} (a tokenperf addition
 * beside aiperf's fields): the session metrics, then one row per turn index with the per-turn metrics. Pure.
 */
public final class SessionTable {
    private SessionTable() {
    }

    public static String render(SessionSummary sessions) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, "%nSessions: %d", sessions.sessions()));
        for (MetricStatistics s : sessions.statistics()) {
            out.append(String.format(Locale.US, "; %s avg %.2f, p50 %.2f, p99 %.2f %s", s.metric().header(), s.avg(),
                    s.percentile(50), s.percentile(99), s.metric().unit().label()));
        }
        out.append('\n');
        List<MetricDefinition> metrics = MetricRegistry.perTurn();
        out.append(String.format(Locale.US, "%-6s %9s", "Turn", "requests"));
        for (MetricDefinition metric : metrics) {
            String name = abbreviation(metric) + " (" + metric.unit().label() + ")";
            out.append(String.format(Locale.US, " %17s %10s", name + " avg", "p99"));
        }
        out.append('\n');
        for (SessionSummary.Turn turn : sessions.turns()) {
            // turns are numbered from 1 for people; turn_index in the records counts from 0
            out.append(String.format(Locale.US, "%-6d %9d", turn.index() + 1, turn.requests()));
            for (MetricDefinition metric : metrics) {
                MetricStatistics s = turn.statistics().stream().filter(t -> t.metric() == metric).findFirst()
                        .orElse(null);
                out.append(s == null ? String.format(Locale.US, " %17s %10s", "-", "-")
                        : String.format(Locale.US, " %17.2f %10.2f", s.avg(), s.percentile(99)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The JSON section: {@code session_count}, each session metric, and {@code per_turn} by turn index. */
    public static Map<String, Object> asExportMap(SessionSummary sessions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session_count", sessions.sessions());
        for (MetricStatistics s : sessions.statistics()) {
            m.put(s.metric().tag(), s.asExportMap());
        }
        List<Map<String, Object>> turns = sessions.turns().stream().map(turn -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("turn_index", turn.index());
            t.put("request_count", turn.requests());
            turn.statistics().forEach(s -> t.put(s.metric().tag(), s.asExportMap()));
            return t;
        }).toList();
        m.put("per_turn", turns);
        return m;
    }

    private static String abbreviation(MetricDefinition metric) {
        return metric == MetricRegistry.TIME_TO_FIRST_TOKEN ? "TTFT"
                : metric == MetricRegistry.INTER_TOKEN_LATENCY ? "ITL"
                : metric == MetricRegistry.REQUEST_LATENCY ? "latency"
                : metric == MetricRegistry.INPUT_SEQUENCE_LENGTH ? "ISL" : metric.tag();
    }
}
