package dev.tokenperf.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoakSeriesTest {

    private static SoakSeries of(double... values) {
        SoakSeries s = new SoakSeries("heap after GC", "MiB", 0.10, 8);
        for (double v : values) {
            s.add(v);
        }
        return s;
    }

    @Test
    void growingWhenTheLastThirdsMeanExceedsTheFirstThirdsByTheToleranceAndTheFloor() {
        // first third mean 100, last third mean 111: more than 10% and more than 8
        assertTrue(of(100, 100, 300, 5, 110, 112).growing());
        // last third mean 109: within 10% of 100
        assertFalse(of(100, 100, 0, 0, 109, 109).growing());
        // small values: 10 -> 17 is 70% but within the floor of 8
        assertFalse(of(10, 10, 17, 17, 17, 17).growing());
        assertFalse(of(1, 1000).growing(), "fewer than three samples never grow");
    }

    @Test
    void describesStartEndMaxAndVerdict() {
        assertEquals("heap after GC: start 100.0, end 112.0, max 300.0 MiB (6 samples): growing",
                of(100, 100, 300, 5, 110, 112).describe());
        assertEquals("heap after GC: not sampled", of().describe());
    }
}
