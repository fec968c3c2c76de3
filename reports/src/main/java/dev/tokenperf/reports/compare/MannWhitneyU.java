package dev.tokenperf.reports.compare;

import java.util.Arrays;

/**
 * The two-sided Mann–Whitney U test with the normal approximation, tie correction and continuity
 * correction: is one sample stochastically larger than the other? Free of any distribution assumption,
 * which suits latency samples (skewed, heavy-tailed). Needs no more than a few dozen values per side.
 */
public final class MannWhitneyU {

    /**
     * @param u      U of the first sample
     * @param z      the standardised statistic
     * @param pValue two-sided p-value; 1 when the samples cannot be told apart (all values tied)
     */
    public record Result(double u, double z, double pValue) {
    }

    private MannWhitneyU() {
    }

    public static Result test(double[] first, double[] second) {
        int n1 = first.length;
        int n2 = second.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need values (" + n1 + ", " + n2 + ")");
        }
        int n = n1 + n2;
        double[][] pooled = new double[n][];
        for (int i = 0; i < n1; i++) {
            pooled[i] = new double[] {first[i], 0};
        }
        for (int i = 0; i < n2; i++) {
            pooled[n1 + i] = new double[] {second[i], 1};
        }
        Arrays.sort(pooled, (a, b) -> Double.compare(a[0], b[0]));
        double rankSumFirst = 0;
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && pooled[j + 1][0] == pooled[i][0]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (pooled[k][1] == 0) {
                    rankSumFirst += averageRank;
                }
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double u = rankSumFirst - n1 * (n1 + 1.0) / 2.0; // in double: n1 * (n1 + 1) overflows an int past 46,340
        double mean = n1 * (double) n2 / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (variance <= 0) {
            return new Result(u, 0, 1);
        }
        double distance = Math.max(0, Math.abs(u - mean) - 0.5);
        double z = Math.signum(u - mean) * distance / Math.sqrt(variance);
        return new Result(u, z, Math.min(1, erfc(Math.abs(z) / Math.sqrt(2))));
    }

    /** Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
