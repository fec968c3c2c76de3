package dev.tokenperf.reports.compare;

import java.util.Arrays;

/**
 * The one significance statement a compared metric gets: did its per-request distribution move, by how much,
 * and is that both statistically clear and large enough to matter. Percentile deltas sit beside it without a
 * claim of their own: the test is about the whole distribution, not about any one percentile.
 *
 * @param test        the test's name
 * @param pValue      its two-sided p-value
 * @param effectSize  Cliff's delta of candidate over base, {@code P(c > b) - P(c < b)} in [-1, 1]
 * @param shiftLow    lower bound of the 95% bootstrap interval of the relative median shift, NaN when undefined
 * @param shiftHigh   upper bound of that interval
 * @param significant p below alpha and the medians at least the minimum effect apart
 */
public record Significance(String test, double pValue, double effectSize, double shiftLow, double shiftHigh,
                           boolean significant) {
    /** The name of the per-request test. */
    public static final String MANN_WHITNEY = "Mann-Whitney U";
    /** Bootstrap resamples for the median-shift interval, and its confidence level. */
    static final int RESAMPLES = 1000;
    static final double LEVEL = 0.95;

    /**
     * Tests per-request values of two runs. Significant only when the U test rejects at {@code alpha} AND the
     * medians differ by at least {@code minEffect} (relative): with precise timings a 0.1% shift can be
     * statistically certain yet irrelevant, and a loaded machine causes such shifts.
     */
    public static Significance of(double[] base, double[] candidate, double alpha, double minEffect) {
        MannWhitneyU.Result u = MannWhitneyU.test(base, candidate);
        MedianShiftBootstrap.Interval shift = MedianShiftBootstrap.interval(base, candidate, RESAMPLES, LEVEL);
        double baseMedian = median(base);
        double medianShift = baseMedian == 0 ? Double.POSITIVE_INFINITY
                : Math.abs(median(candidate) - baseMedian) / Math.abs(baseMedian);
        // U counts pairs where base > candidate (ties half): Cliff's delta of candidate over base is 1 - 2U/(n1 n2)
        double cliffs = 1 - 2 * u.u() / ((double) base.length * candidate.length);
        return new Significance(MANN_WHITNEY, u.pValue(), cliffs, shift == null ? Double.NaN : shift.low(),
                shift == null ? Double.NaN : shift.high(), u.pValue() < alpha && medianShift >= minEffect);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
