package dev.tokenperf.reports.aggregate;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * One statistic of one metric across repeated runs: its mean, sample standard deviation, coefficient of variation
 * and Student-t confidence interval of the mean (the runs are few, so the normal interval would be too narrow).
 *
 * @param runs       how many runs had the statistic
 * @param mean       the mean across runs
 * @param stddev     the sample standard deviation across runs (n - 1)
 * @param cv         stddev / |mean|, NaN when the mean is 0
 * @param low        lower bound of the t-interval of the mean
 * @param high       upper bound
 */
public record AcrossRuns(int runs, double mean, double stddev, double cv, double low, double high) {

    /** One run's value: no spread and no interval are known (NaN). */
    public static AcrossRuns one(double value) {
        return new AcrossRuns(1, value, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** @param level confidence level of the interval, e.g. 0.95; needs at least two values */
    public static AcrossRuns of(double[] values, double level) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("an interval across runs needs at least two runs, got " + n);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double stddev = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = t * stddev / Math.sqrt(n);
        return new AcrossRuns(n, mean, stddev, mean == 0 ? Double.NaN : stddev / Math.abs(mean), mean - half,
                mean + half);
    }
}
