package dev.tokenperf.reports.compare;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The significance line's error rates, from many seeded synthetic comparisons (no clock): two runs of one
 * configuration are called different at about the rate alpha allows, and a 20% ITL slowdown is always found.
 */
class SignificanceTest {
    private static final int TRIALS = 1000;
    private static final double ALPHA = 0.05;

    /** A run's ITL samples: log-normal around {@code medianMs}, the skew of real token gaps. */
    private static double[] itl(SplittableRandom random, int n, double medianMs) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = medianMs * Math.exp(0.3 * gaussian(random));
        }
        return values;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void twoRunsOfOneConfigurationAreCalledDifferentAtTheRateAlphaAllows() {
        SplittableRandom random = new SplittableRandom(12);
        int rejected = 0;
        for (int t = 0; t < TRIALS; t++) {
            Significance s = Significance.of(itl(random, 200, 5), itl(random, 200, 5), ALPHA, 0);
            rejected += s.pValue() < ALPHA ? 1 : 0;
        }
        // the binomial(1000, 0.05) count lies within 4 standard deviations (±27.6) of 50 with p > 0.9999
        double sd = Math.sqrt(TRIALS * ALPHA * (1 - ALPHA));
        assertTrue(Math.abs(rejected - TRIALS * ALPHA) <= 4 * sd, "rejections: " + rejected + " of " + TRIALS);
    }

    @Test
    void withTheDefaultMinimumEffectSameConfigurationsAreSignificantNoMoreOftenThanAlpha() {
        SplittableRandom random = new SplittableRandom(13);
        int significant = 0;
        for (int t = 0; t < TRIALS; t++) {
            significant += Significance.of(itl(random, 200, 5), itl(random, 200, 5), ALPHA, 0.02).significant()
                    ? 1 : 0;
        }
        double sd = Math.sqrt(TRIALS * ALPHA * (1 - ALPHA));
        assertTrue(significant <= TRIALS * ALPHA + 4 * sd, "significant: " + significant + " of " + TRIALS);
    }

    @Test
    void aTwentyPercentSlowerItlIsSignificantAndTheIntervalHoldsIt() {
        SplittableRandom random = new SplittableRandom(14);
        int found = 0;
        int covered = 0;
        for (int t = 0; t < 100; t++) {
            Significance s = Significance.of(itl(random, 200, 5), itl(random, 200, 6), ALPHA, 0.02);
            found += s.significant() && s.effectSize() > 0 ? 1 : 0;
            covered += s.shiftLow() <= 0.2 && 0.2 <= s.shiftHigh() ? 1 : 0;
        }
        assertEquals(100, found, "a 20% shift of 200 log-normal samples (sigma 0.3) has power above 0.9999");
        assertTrue(covered >= 88, "a 95% interval covers the true shift in about 95 of 100: " + covered);
    }

    @Test
    void cliffsDeltaIsOneWhenEveryCandidateValueIsLarger() {
        Significance s = Significance.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}, ALPHA, 0);
        assertEquals(1.0, s.effectSize());
        assertEquals(-1.0, Significance.of(new double[] {4, 5, 6}, new double[] {1, 2, 3}, ALPHA, 0).effectSize());
        assertEquals(0.0, Significance.of(new double[] {1, 2}, new double[] {1, 2}, ALPHA, 0).effectSize());
    }
}
