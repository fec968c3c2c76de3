package dev.tokenperf.cacheprobe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict's thresholds and the console's wording, from rows with known times. */
class CacheVerdictTest {

    private static ProbeRow row(int run, long ttftMillis, boolean warm) {
        return new ProbeRow(run, 1000, ttftMillis * 1_000_000, false, -1, 4096, warm);
    }

    @Test
    void everyWarmRequestAtMostHalfTheColdMeanIsEffective() {
        CacheVerdict v = CacheVerdict.of(List.of(row(1, 400, false), row(2, 200, true), row(3, 100, true)));
        assertEquals(CacheVerdict.Kind.CACHE_EFFECTIVE, v.kind());
        assertEquals(2.6666, v.speedUp(), 1e-3);
        assertEquals(String.format("warm over cold: 2.67x faster (cold 0.400s, warm 0.150s)%n"
                + "verdict: cache effective (2 of 2 warm requests at most half the cold TTFT)"), v.describe());
    }

    @Test
    void warmRequestsNoFasterThanEightyPercentAreNoBenefit() {
        CacheVerdict v = CacheVerdict.of(List.of(row(1, 100, false), row(2, 80, true), row(3, 120, true)));
        assertEquals(CacheVerdict.Kind.NO_BENEFIT, v.kind());
    }

    @Test
    void aMixOrNoWarmRequestIsInconclusive() {
        assertEquals(CacheVerdict.Kind.INCONCLUSIVE,
                CacheVerdict.of(List.of(row(1, 100, false), row(2, 40, true), row(3, 95, true))).kind());
        CacheVerdict none = CacheVerdict.of(List.of(row(1, 100, false), row(2, 100, false)));
        assertEquals(CacheVerdict.Kind.INCONCLUSIVE, none.kind());
        assertTrue(Double.isNaN(none.speedUp()));
        assertTrue(none.describe().endsWith("verdict: inconclusive"), none.describe());
    }

    @Test
    void theColdReferenceIsTheMeanOfEveryColdRequest() {
        // cold after a flush counts as cold: mean (400 + 200) / 2 = 300; 150 is exactly half
        CacheVerdict v = CacheVerdict.of(List.of(row(1, 400, false), row(2, 200, false), row(3, 150, true)));
        assertEquals(300_000_000L, v.coldMeanNanos());
        assertEquals(CacheVerdict.Kind.CACHE_EFFECTIVE, v.kind());
    }
}
