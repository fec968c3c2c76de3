package dev.tokenperf.reports.servermetrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A server counter over the run window: its value after the run minus before (0 before when the counter did
 * not exist yet).
 *
 * @param quantity      what it counts
 * @param metric        the name the server exposes it as
 * @param total         the increase within the window
 * @param windowSeconds the window's length, first scrape to last
 */
public record CounterWindow(ServerQuantity quantity, String metric, double total, double windowSeconds) {

    /** Increase per second, NaN for an empty window. */
    public double ratePerSecond() {
        return windowSeconds > 0 ? total / windowSeconds : Double.NaN;
    }

    /** The counter for {@code profile_export_aiperf.json}. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", metric);
        m.put("unit", quantity.unit());
        m.put("total", total);
        double rate = ratePerSecond();
        m.put("rate_per_s", Double.isFinite(rate) ? rate : null);
        return m;
    }
}
