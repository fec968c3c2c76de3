package dev.tokenperf.reports.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile-bootstrap confidence interval for the relative shift of the median,
 * {@code median(candidate) / median(base) - 1}: resamples each side with replacement, takes the ratio of
 * the resampled medians, and reports the central {@code level} of those ratios. It says by how much a metric
 * moved, with its uncertainty, where the U test only says whether it moved. The seed is fixed, so the same
 * files give the same interval.
 */
public final class MedianShiftBootstrap {
    private static final long SEED = 0x7031_6b65_6e70_6572L;

    /**
     * @param low  lower bound of the relative shift (e.g. 0.05 for +5%)
     * @param high upper bound
     */
    public record Interval(double low, double high) {
    }

    private MedianShiftBootstrap() {
    }

    /**
     * @return the interval, or null when most resampled base medians are 0 (a relative shift is then undefined);
     *         the few resamples whose base median is 0 are left out
     */
    public static Interval interval(double[] base, double[] candidate, int resamples, double level) {
        if (base.length == 0 || candidate.length == 0) {
            throw new IllegalArgumentException("both samples need values (" + base.length + ", "
                    + candidate.length + ")");
        }
        double[] sortedBase = base.clone();
        double[] sortedCandidate = candidate.clone();
        Arrays.sort(sortedBase);
        Arrays.sort(sortedCandidate);
        SplittableRandom random = new SplittableRandom(SEED);
        int[] baseCounts = new int[sortedBase.length];
        int[] candidateCounts = new int[sortedCandidate.length];
        double[] drawn = new double[resamples];
        int valid = 0;
        for (int i = 0; i < resamples; i++) {
            double baseMedian = resampledMedian(sortedBase, baseCounts, random);
            double candidateMedian = resampledMedian(sortedCandidate, candidateCounts, random);
            if (baseMedian != 0) {
                drawn[valid++] = candidateMedian / baseMedian - 1;
            }
        }
        if (valid < resamples / 2) {
            return null;
        }
        double[] ratios = Arrays.copyOf(drawn, valid);
        Arrays.sort(ratios);
        double tail = (1 - level) / 2;
        int low = (int) Math.floor(tail * (valid - 1));
        int high = (int) Math.ceil((1 - tail) * (valid - 1));
        return new Interval(ratios[low], ratios[high]);
    }

    /**
     * The median of a resample with replacement of {@code sorted}, in O(n): count how often each index is
     * drawn, then walk the counts to the middle (the lower middle for an even size, as a resampled order
     * statistic).
     */
    private static double resampledMedian(double[] sorted, int[] counts, SplittableRandom random) {
        int n = sorted.length;
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            counts[random.nextInt(n)]++;
        }
        int target = (n - 1) / 2;
        int seen = 0;
        for (int i = 0; i < n; i++) {
            seen += counts[i];
            if (seen > target) {
                return sorted[i];
            }
        }
        return sorted[n - 1];
    }
}
