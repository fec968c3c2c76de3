package dev.tokenperf.reports.servermetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server gauge sampled during the run window, from the scrape before the measured phase to the one after it.
 * Statistics are over the samples (not time-weighted: samples are evenly spaced but for the first and last).
 *
 * @param quantity what it measures
 * @param metric   the name the server exposes it as
 * @param samples  the readings in time order
 */
public record GaugeSeries(ServerQuantity quantity, String metric, List<Sample> samples) {

    /** One reading, at {@code tMillis} after the window's first scrape. */
    public record Sample(double tMillis, double value) {
    }

    public GaugeSeries {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(metric + " has no samples");
        }
    }

    public double min() {
        return samples.stream().mapToDouble(Sample::value).min().orElseThrow();
    }

    public double max() {
        return samples.stream().mapToDouble(Sample::value).max().orElseThrow();
    }

    public double mean() {
        return samples.stream().mapToDouble(Sample::value).average().orElseThrow();
    }

    /** The gauge for {@code profile_export_aiperf.json}: statistics and the time series. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", metric);
        m.put("unit", quantity.unit());
        m.put("samples", samples.size());
        m.put("min", min());
        m.put("avg", mean());
        m.put("max", max());
        m.put("last", samples.get(samples.size() - 1).value());
        List<Map<String, Object>> series = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t_ms", s.tMillis());
            point.put("value", s.value());
            series.add(point);
        }
        m.put("time_series", series);
        return m;
    }
}
