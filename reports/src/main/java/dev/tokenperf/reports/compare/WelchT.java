package dev.tokenperf.reports.compare;

import dev.tokenperf.reports.aggregate.AcrossRuns;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's t-test of two sides' means from their across-run summaries (mean, sample standard deviation, run
 * count), with the interval of the difference of the means. A side of one run has no spread of its own: it is
 * taken to be the other side's, which makes the interval a prediction interval for one more run.
 */
final class WelchT {

    private WelchT() {
    }

    /**
     * @param pValue two-sided
     * @param low    lower bound of the interval of candidate mean - base mean
     * @param high   upper bound
     */
    record Result(double pValue, double low, double high) {
    }

    /** @param level confidence level of the interval; both sides together need at least three runs */
    static Result test(AcrossRuns base, AcrossRuns candidate, double level) {
        int n1 = base.runs();
        int n2 = candidate.runs();
        if (n1 + n2 < 3) {
            throw new IllegalArgumentException("a test across runs needs two runs on one side, got " + n1 + " and "
                    + n2);
        }
        double v1 = n1 < 2 ? candidate.stddev() * candidate.stddev() : base.stddev() * base.stddev();
        double v2 = n2 < 2 ? v1 : candidate.stddev() * candidate.stddev();
        double a = v1 / n1;
        double b = v2 / n2;
        double se = Math.sqrt(a + b);
        double diff = candidate.mean() - base.mean();
        if (se == 0) {
            // every run on both sides measured the same value: the difference is exact
            return new Result(diff == 0 ? 1 : 0, diff, diff);
        }
        double df = n1 < 2 ? n2 - 1 : n2 < 2 ? n1 - 1 : (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
        TDistribution t = new TDistribution(df);
        double p = 2 * (1 - t.cumulativeProbability(Math.abs(diff) / se));
        double half = t.inverseCumulativeProbability(1 - (1 - level) / 2) * se;
        return new Result(p, diff - half, diff + half);
    }
}
