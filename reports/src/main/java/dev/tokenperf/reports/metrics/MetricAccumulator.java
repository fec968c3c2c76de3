package dev.tokenperf.reports.metrics;

import org.HdrHistogram.Histogram;

import java.util.HashMap;
import java.util.Map;

/**
 * Collects one metric's recorded values: an HdrHistogram (3 significant digits) for percentiles, and exact
 * count, sum, sum of squares, min and max so that mean, std and extremes carry no bucket error.
 */
public final class MetricAccumulator {
    private final MetricDefinition metric;
    private final Histogram histogram = new Histogram(3);
    private long count;
    private double sum;
    private double sumSquares;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    public MetricAccumulator(MetricDefinition metric) {
        this.metric = metric;
    }

    /** Records one value in the metric's recorded unit; negative values (clock anomalies) are clamped to 0. */
    public void record(long value) {
        long v = Math.max(0, value);
        histogram.recordValue(v);
        count++;
        sum += v;
        sumSquares += (double) v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    public long count() {
        return count;
    }

    /** The histogram of recorded values (live view; copy before changing it). */
    public Histogram histogram() {
        return histogram;
    }

    // a bucket's highest equivalent value can lie past the exact extremes; never report beyond them
    private long clamp(long v) {
        return Math.max(min, Math.min(max, v));
    }

    /** Statistics in display units; only meaningful when {@link #count()} &gt; 0. */
    public MetricStatistics statistics() {
        Unit unit = metric.unit();
        double mean = sum / count;
        double variance = Math.max(0, sumSquares / count - mean * mean);
        Map<String, Double> percentiles = new HashMap<>();
        for (double p : MetricStatistics.PERCENTILES) {
            percentiles.put(MetricStatistics.percentileKey(p),
                    unit.fromRecorded(clamp(histogram.getValueAtPercentile(p))));
        }
        return new MetricStatistics(metric, count, unit.fromRecorded(mean), unit.fromRecorded(min),
                unit.fromRecorded(max), unit.fromRecorded(Math.sqrt(variance)), percentiles);
    }
}
