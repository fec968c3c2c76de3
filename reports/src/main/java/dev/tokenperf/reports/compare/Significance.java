package dev.tokenperf.reports.compare;

import dev.tokenperf.reports.aggregate.AcrossRuns;

import java.util.Arrays;

/**
 * The one significance statement a compared metric gets: did it move, by how much, and is that both
 * statistically clear and large enough to matter. A per-request metric is tested over every request's value
 * ({@link #of}); a run-level metric of repeated runs over the runs' values ({@link #acrossRuns}). Percentile
 * deltas sit beside it without a claim of their own: the test is about the whole distribution, not about any
 * one percentile.
 *
 * @param test        the test's name, {@link #MANN_WHITNEY} or {@link #WELCH}
 * @param pValue      its two-sided p-value
 * @param effectSize  Mann-Whitney: Cliff's delta of candidate over base, {@code P(c > b) - P(c < b)} in [-1, 1];
 *                    NaN for the test across runs
 * @param shiftLow    lower bound of the interval of the relative shift, NaN when undefined: Mann-Whitney, the 95%
 *                    bootstrap interval of the median shift; across runs, the (1 - alpha) Welch interval of the
 *                    mean shift
 * @param shiftHigh   upper bound of that interval
 * @param significant p below alpha and the medians (means, across runs) at least the minimum effect apart
 */
public record Significance(String test, double pValue, double effectSize, double shiftLow, double shiftHigh,
                           boolean significant) {
    /** The name of the per-request test. */
    public static final String MANN_WHITNEY = "Mann-Whitney U";
    /** The name of the test of a run-level metric across repeated runs. */
    public static final String WELCH = "Welch t across runs";
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

    /**
     * Tests a run-level statistic of repeated runs with {@link WelchT} on the runs' mean, spread and count. The
     * intervals say so: significant when the (1 - alpha) interval of the difference of the means excludes 0
     * (p below alpha) AND the means are at least {@code minEffect} apart, relative to the base's.
     *
     * @return null when both sides are single runs (one value each: nothing to test)
     */
    public static Significance acrossRuns(AcrossRuns base, AcrossRuns candidate, double alpha, double minEffect) {
        if (base.runs() < 2 && candidate.runs() < 2) {
            return null;
        }
        WelchT.Result welch = WelchT.test(base, candidate, 1 - alpha);
        double scale = Math.abs(base.mean());
        double diff = Math.abs(candidate.mean() - base.mean());
        double meanShift = scale == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : diff / scale;
        return new Significance(WELCH, welch.pValue(), Double.NaN, scale == 0 ? Double.NaN : welch.low() / scale,
                scale == 0 ? Double.NaN : welch.high() / scale, welch.pValue() < alpha && meanShift >= minEffect);
    }

    /** Whether this is the test of a run-level metric across repeated runs. */
    public boolean acrossRuns() {
        return WELCH.equals(test);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
