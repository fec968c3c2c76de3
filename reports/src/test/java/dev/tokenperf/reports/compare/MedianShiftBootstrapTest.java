package dev.tokenperf.reports.compare;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MedianShiftBootstrapTest {

    private static double[] sample(long seed, double scale) {
        Random random = new Random(seed);
        double[] values = new double[60];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale * (10 + random.nextGaussian());
        }
        return values;
    }

    @Test
    void theIntervalHoldsAKnownScaling() {
        double[] base = sample(1, 1);
        double[] scaled = sample(1, 1.5);
        MedianShiftBootstrap.Interval interval = MedianShiftBootstrap.interval(base, scaled, 1000, 0.95);
        assertTrue(interval.low() < 0.5 && 0.5 < interval.high(), interval.toString());
        assertTrue(interval.low() > 0.3 && interval.high() < 0.7, "60 values pin it down: " + interval);
    }

    @Test
    void samplesOfOneDistributionGiveAnIntervalAroundZero() {
        MedianShiftBootstrap.Interval interval = MedianShiftBootstrap.interval(sample(1, 1), sample(2, 1), 1000, 0.95);
        assertTrue(interval.low() < 0 && 0 < interval.high(), interval.toString());
    }

    @Test
    void theSameFilesGiveTheSameInterval() {
        assertEquals(MedianShiftBootstrap.interval(sample(1, 1), sample(3, 1.1), 500, 0.9),
                MedianShiftBootstrap.interval(sample(1, 1), sample(3, 1.1), 500, 0.9));
    }

    @Test
    void aZeroBaseMedianHasNoRelativeShift() {
        assertNull(MedianShiftBootstrap.interval(new double[] {0, 0, 0}, new double[] {1, 2}, 100, 0.95));
    }
}
