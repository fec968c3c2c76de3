package dev.tokenperf.workloads.schedule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistical checks of the schedules with fixed seeds. With n = 20,000 gaps the standard error of the
 * sample mean is CV/sqrt(n) (0.7 % of the mean for Poisson) and of the sample CV about CV/sqrt(2n)
 * (0.5 %); the tolerances (3 % of the mean, 5 % of the CV) are over 4 standard errors, so a correct sampler
 * passes for any seed with high probability, and a wrong shape or scale fails.
 */
class RateScheduleTest {
    private static final int N = 20_000;

    @Test
    void poissonGapsHaveTheTargetMeanAndUnitCv() {
        double[] stats = gapStats(new RateSchedule(50, ArrivalPattern.POISSON, 1, 0, 42));
        assertEquals(1.0 / 50, stats[0], 0.03 / 50, "mean gap in seconds");
        assertEquals(1.0, stats[1], 0.05, "coefficient of variation");
    }

    @Test
    void gammaSmoothnessSetsCvToOneOverSqrtK() {
        for (double k : new double[] {0.25, 4, 16}) {
            double[] stats = gapStats(new RateSchedule(200, ArrivalPattern.GAMMA, k, 0, 7));
            assertEquals(1.0 / 200, stats[0], 0.03 / 200, "mean gap for K=" + k);
            double cv = 1 / Math.sqrt(k);
            assertEquals(cv, stats[1], 0.05 * cv, "CV for K=" + k);
        }
    }

    @Test
    void constantGapsAreExact() {
        RateSchedule s = new RateSchedule(4, ArrivalPattern.CONSTANT, 1, 0, 1);
        assertEquals(0, s.nextOffsetNanos());
        assertEquals(250_000_000, s.nextOffsetNanos());
        assertEquals(500_000_000, s.nextOffsetNanos());
    }

    @Test
    void rampStartsSlowAndReachesTheRate() {
        // 10/s after a 2 s ramp: L(2 s) = 10 requests, so request 10 is due at 2 s, then every 100 ms
        RateSchedule s = new RateSchedule(10, ArrivalPattern.CONSTANT, 1, 2, 1);
        long[] t = new long[13];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.nextOffsetNanos();
        }
        assertEquals(Math.round(Math.sqrt(2 * 2 * 1 / 10.0) * 1e9), t[1]);
        assertEquals(2_000_000_000L, t[10]);
        assertEquals(100_000_000L, t[12] - t[11]);
        assertTrue(t[2] - t[1] > t[12] - t[11], "gaps shrink during the ramp");
    }

    private static double[] gapStats(ArrivalSchedule s) {
        double previous = s.nextOffsetNanos() / 1e9;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double now = s.nextOffsetNanos() / 1e9;
            double gap = now - previous;
            previous = now;
            sum += gap;
            sumSq += gap * gap;
        }
        double mean = sum / N;
        double std = Math.sqrt(sumSq / N - mean * mean);
        return new double[] {mean, std / mean};
    }
}
