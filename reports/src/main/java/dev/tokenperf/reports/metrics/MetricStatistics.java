package dev.tokenperf.reports.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metric's statistics over a run, already in its display unit. For a run-level metric only
 * {@code avg} is set, as in aiperf's export; {@code count} is the number of samples.
 */
public record MetricStatistics(MetricDefinition metric, long count, double avg, double min, double max,
                               double std, Map<String, Double> percentiles) {

    /** The percentiles every distribution reports, keyed as in aiperf's export (plus p99.9). */
    public static final double[] PERCENTILES = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9};

    public MetricStatistics {
        percentiles = Map.copyOf(percentiles);
    }

    public static MetricStatistics scalar(MetricDefinition metric, double value) {
        return new MetricStatistics(metric, 1, value, value, value, 0, Map.of());
    }

    public static String percentileKey(double p) {
        return p == Math.rint(p) ? "p" + (long) p : "p" + p;
    }

    public double percentile(double p) {
        Double v = percentiles.get(percentileKey(p));
        if (v == null) {
            throw new IllegalArgumentException("no " + percentileKey(p) + " for " + metric.tag());
        }
        return v;
    }

    /** The statistics in aiperf's key order, for exports. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", metric.unit().label());
        m.put("avg", avg);
        if (metric.isDistribution()) {
            m.put("min", min);
            m.put("max", max);
            for (double p : PERCENTILES) {
                String key = percentileKey(p);
                m.put(key, percentiles.get(key));
            }
            m.put("std", std);
            m.put("count", count);
        }
        return m;
    }
}
