package dev.tokenperf.reports.servermetrics;

import dev.tokenperf.reports.json.JsonNumbers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A server histogram over the run window: the scrape after the run minus the scrape before, bucket by
 * bucket. Quantiles are estimated as Prometheus' {@code histogram_quantile} does: find the bucket holding
 * the rank and interpolate linearly inside it (so they are only as fine as the server's buckets); a rank in
 * the +Inf bucket reports the highest finite bound.
 *
 * @param name    the histogram's family name (e.g. {@code vllm:time_to_first_token_seconds})
 * @param buckets upper bound (seconds) to cumulative count within the window
 * @param sum     sum of values observed within the window, seconds
 * @param count   observations within the window
 */
public record HistogramWindow(String name, TreeMap<Double, Double> buckets, double sum, double count) {

    public HistogramWindow {
        buckets = new TreeMap<>(buckets);
    }

    /**
     * After minus before. A bucket missing before counts as 0 before.
     *
     * @throws IllegalArgumentException when a count went down (the server restarted during the run)
     */
    public static HistogramWindow between(HistogramSnapshot before, HistogramSnapshot after) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        after.buckets().forEach((le, n) -> delta.put(le, n - before.buckets().getOrDefault(le, 0.0)));
        double count = after.count() - before.count();
        if (count < 0 || delta.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException(after.name() + " went down during the run (server restarted?)");
        }
        return new HistogramWindow(after.name(), delta, after.sum() - before.sum(), count);
    }

    /** Mean in seconds, NaN without observations. */
    public double mean() {
        return count > 0 ? sum / count : Double.NaN;
    }

    /** The estimated {@code q}-quantile (0..1) in seconds, NaN without observations. */
    public double quantile(double q) {
        if (count <= 0 || buckets.isEmpty()) {
            return Double.NaN;
        }
        double rank = q * count;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : buckets.entrySet()) {
            double upper = e.getKey();
            double cumulative = e.getValue();
            if (cumulative >= rank) {
                if (Double.isInfinite(upper)) {
                    return lowerBound;
                }
                double inBucket = cumulative - lowerCount;
                return inBucket <= 0 ? upper : lowerBound + (upper - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = upper;
            lowerCount = cumulative;
        }
        return lowerBound;
    }

    /** The window for {@code profile_export_aiperf.json}, in milliseconds. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", "ms");
        m.put("count", count);
        m.put("avg", JsonNumbers.finiteOrNull(mean() * 1e3));
        m.put("p50", JsonNumbers.finiteOrNull(quantile(0.50) * 1e3));
        m.put("p90", JsonNumbers.finiteOrNull(quantile(0.90) * 1e3));
        m.put("p99", JsonNumbers.finiteOrNull(quantile(0.99) * 1e3));
        m.put("quantile_method", "linear interpolation within the server's buckets");
        return m;
    }
}
