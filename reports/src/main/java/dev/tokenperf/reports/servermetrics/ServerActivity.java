package dev.tokenperf.reports.servermetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's counters and sampled gauges over the run window ({@link ServerQuantity}): prefix-cache queries and
 * hits with the hit rate, preemptions, requests running and waiting, KV-cache usage.
 *
 * @param counters counters found, after minus before
 * @param gauges   gauges found, sampled through the window
 */
public record ServerActivity(List<CounterWindow> counters, List<GaugeSeries> gauges) {

    /** Nothing was found. */
    public static final ServerActivity NONE = new ServerActivity(List.of(), List.of());

    public ServerActivity {
        counters = List.copyOf(counters);
        gauges = List.copyOf(gauges);
    }

    public boolean isEmpty() {
        return counters.isEmpty() && gauges.isEmpty();
    }

    /** Prefix-cache hits over queries within the window, NaN without both counters or without queries. */
    public double prefixCacheHitRate() {
        CounterWindow queries = counter(ServerQuantity.PREFIX_CACHE_QUERIES);
        CounterWindow hits = counter(ServerQuantity.PREFIX_CACHE_HITS);
        return queries == null || hits == null || !(queries.total() > 0) ? Double.NaN : hits.total() / queries.total();
    }

    /** The counter of {@code quantity}, or null when the server does not expose it. */
    public CounterWindow counter(ServerQuantity quantity) {
        return counters.stream().filter(c -> c.quantity() == quantity).findFirst().orElse(null);
    }

    /** The gauge of {@code quantity}, or null when the server does not expose it. */
    public GaugeSeries gauge(ServerQuantity quantity) {
        return gauges.stream().filter(g -> g.quantity() == quantity).findFirst().orElse(null);
    }

    /** Adds {@code counters}, {@code prefix_cache_hit_rate} and {@code gauges} to the server_metrics section. */
    public void addTo(Map<String, Object> serverMetrics) {
        if (!counters.isEmpty()) {
            Map<String, Object> byKey = new LinkedHashMap<>();
            counters.forEach(c -> byKey.put(c.quantity().key(), c.asExportMap()));
            serverMetrics.put("counters", byKey);
        }
        double hitRate = prefixCacheHitRate();
        if (Double.isFinite(hitRate)) {
            serverMetrics.put("prefix_cache_hit_rate", hitRate);
        }
        if (!gauges.isEmpty()) {
            Map<String, Object> byKey = new LinkedHashMap<>();
            gauges.forEach(g -> byKey.put(g.quantity().key(), g.asExportMap()));
            serverMetrics.put("gauges", byKey);
        }
    }

    /** A few console lines, or an empty string when nothing was found. */
    public String render() {
        if (isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.US, "%nServer activity over the run window%n"));
        CounterWindow queries = counter(ServerQuantity.PREFIX_CACHE_QUERIES);
        CounterWindow hits = counter(ServerQuantity.PREFIX_CACHE_HITS);
        if (queries != null && hits != null) {
            double rate = prefixCacheHitRate();
            out.append(String.format(Locale.US, "prefix cache: %.0f of %.0f queried tokens hit (%s)%n", hits.total(),
                    queries.total(), Double.isFinite(rate) ? String.format(Locale.US, "%.1f%%", rate * 100) : "n/a"));
        }
        for (CounterWindow c : counters) {
            if (c != queries && c != hits) {
                out.append(String.format(Locale.US, "%s: %.0f%n", label(c.quantity()), c.total()));
            }
        }
        for (GaugeSeries g : gauges) {
            boolean fraction = g.quantity().kind() == ServerQuantity.Kind.FRACTION_GAUGE;
            double scale = fraction ? 100 : 1;
            String unit = fraction ? "%" : "";
            out.append(String.format(Locale.US, "%s: avg %.1f%s, max %.1f%s (%d samples)%n", label(g.quantity()),
                    g.mean() * scale, unit, g.max() * scale, unit, g.samples().size()));
        }
        return out.toString();
    }

    private static String label(ServerQuantity q) {
        return q.key().replace('_', ' ');
    }
}
