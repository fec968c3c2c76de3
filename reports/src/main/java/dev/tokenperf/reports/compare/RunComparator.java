package dev.tokenperf.reports.compare;

import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.metrics.Direction;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.ClientHealth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Compares a candidate result with a base result, metric by metric, from their saved files: the statistics
 * of {@code summary.json} side by side, and for each per-request metric a Mann–Whitney U test over the
 * values derived from {@code records.jsonl}. A difference is called significant only when the test rejects
 * at {@code alpha} AND the medians differ by at least {@code minEffect} (relative): with precise timings,
 * a 0.1% shift can be statistically certain yet irrelevant, and a loaded machine causes such shifts. Each
 * per-request metric also gets a 95% bootstrap interval of its relative median shift (how much it moved).
 */
public final class RunComparator {
    /** The statistics compared for each per-request metric. */
    public static final List<String> STATS = List.of("p50", "p90", "p99", "avg");
    /** Bootstrap resamples for the median-shift interval, and its confidence level. */
    static final int RESAMPLES = 1000;
    static final double LEVEL = 0.95;

    private RunComparator() {
    }

    public static Comparison compare(SavedResult base, SavedResult candidate, double alpha, double minEffect) {
        List<ComparisonRow> rows = new ArrayList<>();
        for (MetricDefinition metric : MetricRegistry.all()) {
            if (metric.isDistribution()) {
                addDistribution(rows, metric, base, candidate, alpha, minEffect);
            } else if (metric.direction() != Direction.NEUTRAL) {
                OptionalDouble b = base.value(metric.tag(), "avg");
                OptionalDouble c = candidate.value(metric.tag(), "avg");
                if (b.isPresent() && c.isPresent()) {
                    rows.add(row(metric, "value", b.getAsDouble(), c.getAsDouble(), Double.NaN, false, null));
                }
            }
        }
        WorkloadSpec.Match match = WorkloadSpec.match(base, candidate);
        return new Comparison(base.label(), candidate.label(), match.differences(), match.notes(),
                caveats(base, candidate), alpha, minEffect, rows);
    }

    /** One line per side whose saved client health says the load generator could not keep up. */
    private static List<String> caveats(SavedResult base, SavedResult candidate) {
        List<String> caveats = new ArrayList<>();
        for (SavedResult side : List.of(base, candidate)) {
            ClientHealth health = side.result().clientHealth();
            if (health != null && health.clientLimited()) {
                caveats.add(side.label() + " was client-limited (" + String.join("; ", health.limitReasons())
                        + "): its latencies include the load generator's own delay");
            }
        }
        return caveats;
    }

    private static void addDistribution(List<ComparisonRow> rows, MetricDefinition metric, SavedResult base,
                                        SavedResult candidate, double alpha, double minEffect) {
        if (base.value(metric.tag(), "avg").isEmpty() || candidate.value(metric.tag(), "avg").isEmpty()) {
            return;
        }
        double[] baseValues = base.requestValues(metric);
        double[] candidateValues = candidate.requestValues(metric);
        double p = Double.NaN;
        boolean significant = false;
        MedianShiftBootstrap.Interval shift = null;
        if (baseValues.length > 0 && candidateValues.length > 0) {
            p = MannWhitneyU.test(baseValues, candidateValues).pValue();
            shift = MedianShiftBootstrap.interval(baseValues, candidateValues, RESAMPLES, LEVEL);
            double baseMedian = median(baseValues);
            double medianShift = baseMedian == 0 ? Double.POSITIVE_INFINITY
                    : Math.abs(median(candidateValues) - baseMedian) / Math.abs(baseMedian);
            significant = p < alpha && medianShift >= minEffect;
        }
        for (String stat : STATS) {
            OptionalDouble b = base.value(metric.tag(), stat);
            OptionalDouble c = candidate.value(metric.tag(), stat);
            if (b.isPresent() && c.isPresent()) {
                rows.add(row(metric, stat, b.getAsDouble(), c.getAsDouble(), p, significant, shift));
            }
        }
    }

    private static ComparisonRow row(MetricDefinition metric, String stat, double base, double candidate,
                                     double p, boolean significant, MedianShiftBootstrap.Interval shift) {
        double delta = candidate - base;
        double relative = base == 0 ? Double.NaN : delta / Math.abs(base);
        String change;
        if (delta == 0) {
            change = "same";
        } else if (metric.direction() == Direction.NEUTRAL) {
            change = "changed";
        } else {
            boolean lower = delta < 0;
            change = lower == (metric.direction() == Direction.LOWER_IS_BETTER) ? "better" : "worse";
        }
        return new ComparisonRow(metric.tag(), metric.header(), metric.unit().label(), stat, base, candidate, delta,
                relative, change, p, significant, shift == null ? Double.NaN : shift.low(),
                shift == null ? Double.NaN : shift.high());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
