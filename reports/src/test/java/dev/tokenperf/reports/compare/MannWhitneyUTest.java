package dev.tokenperf.reports.compare;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MannWhitneyUTest {

    @Test
    void clearlyShiftedSamplesAreSignificant() {
        Random random = new Random(1);
        double[] base = new double[40];
        double[] slower = new double[40];
        for (int i = 0; i < 40; i++) {
            base[i] = 5 + random.nextGaussian() * 0.1;
            slower[i] = 8 + random.nextGaussian() * 0.1;
        }
        MannWhitneyU.Result result = MannWhitneyU.test(base, slower);
        assertTrue(result.pValue() < 1e-6, "p = " + result.pValue());
        assertEquals(0, result.u(), "no base value exceeds any slower value");
    }

    @Test
    void samplesFromOneDistributionAreNotSignificant() {
        double[] first = new double[50];
        double[] second = new double[50];
        for (int i = 0; i < 50; i++) {
            first[i] = 2 * i;
            second[i] = 2 * i + 1;
        }
        assertTrue(MannWhitneyU.test(first, second).pValue() > 0.5);
    }

    @Test
    void allTiedSamplesCannotBeToldApart() {
        assertEquals(1, MannWhitneyU.test(new double[] {3, 3, 3}, new double[] {3, 3}).pValue());
    }

    @Test
    void theTestIsSymmetric() {
        double[] a = {1, 4, 4, 7, 9, 12};
        double[] b = {2, 4, 8, 8, 15, 16, 20};
        MannWhitneyU.Result ab = MannWhitneyU.test(a, b);
        MannWhitneyU.Result ba = MannWhitneyU.test(b, a);
        assertEquals(a.length * b.length, ab.u() + ba.u(), 1e-9);
        assertEquals(ab.pValue(), ba.pValue(), 1e-12);
    }

    @Test
    void erfcMatchesKnownValues() {
        assertEquals(1, MannWhitneyU.erfc(0), 1e-7);
        // 2 * (1 - Phi(1.959964)) = 0.05
        assertEquals(0.05, MannWhitneyU.erfc(1.959964 / Math.sqrt(2)), 1e-6);
        assertEquals(2, MannWhitneyU.erfc(-10), 1e-7);
    }

    @Test
    void largeSamplesDoNotOverflow() {
        // 50,000 values a side, as inter-chunk latency reaches at 1,000 requests of 50 chunks; identical samples
        int n = 50_000;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 10 + (i % 1000) / 1000.0;
        }
        assertTrue(MannWhitneyU.test(a, a.clone()).pValue() > 0.9, "identical samples are not different");
    }
}
