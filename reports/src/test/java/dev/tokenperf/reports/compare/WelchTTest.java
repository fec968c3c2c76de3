package dev.tokenperf.reports.compare;

import dev.tokenperf.reports.aggregate.AcrossRuns;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test across runs, against reference values from scipy 1.17 ({@code scipy.stats.ttest_ind(equal_var=False)}). */
class WelchTTest {
    private static final AcrossRuns TEN_TWELVE_FOURTEEN = AcrossRuns.of(new double[] {10, 12, 14}, 0.95);
    private static final AcrossRuns TWENTY_TO_24 = AcrossRuns.of(new double[] {20, 22, 24}, 0.95);

    @Test
    void threeRunsAgainstThreeRuns() {
        WelchT.Result r = WelchT.test(TEN_TWELVE_FOURTEEN, TWENTY_TO_24, 0.95);
        // t = 6.1237, df = 4
        assertEquals(0.0036022326091040033, r.pValue(), 1e-12);
        assertEquals(5.466084128944962, r.low(), 1e-9);
        assertEquals(14.533915871055038, r.high(), 1e-9);
    }

    @Test
    void unequalSpreadsAndCountsUseWelchSatterthwaiteDegreesOfFreedom() {
        WelchT.Result r = WelchT.test(TEN_TWELVE_FOURTEEN, AcrossRuns.of(new double[] {20, 26, 32, 38}, 0.9), 0.90);
        // df = 3.5154
        assertEquals(0.01782652160176035, r.pValue(), 1e-12);
        assertEquals(8.031380718395193, r.low(), 1e-9);
        assertEquals(25.96861928160481, r.high(), 1e-9);
    }

    @Test
    void aSingleRunTakesTheOtherSidesSpread() {
        WelchT.Result r = WelchT.test(AcrossRuns.one(12), TWENTY_TO_24, 0.95);
        // se = sqrt(4/1 + 4/3), df = 2: a prediction interval for one more run
        assertEquals(0.04941362421328312, r.pValue(), 1e-12);
        assertEquals(0.0634491529986807, r.low(), 1e-9);
        assertEquals(19.93655084700132, r.high(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> WelchT.test(AcrossRuns.one(1), AcrossRuns.one(2), 0.95));
    }

    @Test
    void runsWithoutSpreadDifferExactlyOrNotAtAll() {
        AcrossRuns zeros = AcrossRuns.of(new double[] {0, 0, 0}, 0.95);
        AcrossRuns twos = AcrossRuns.of(new double[] {2, 2, 2}, 0.95);
        assertEquals(new WelchT.Result(1, 0, 0), WelchT.test(zeros, zeros, 0.95));
        assertEquals(new WelchT.Result(0, 2, 2), WelchT.test(zeros, twos, 0.95));
    }

    @Test
    void significantWhenTheIntervalExcludesZeroAndTheShiftIsLargeEnough() {
        Significance s = Significance.acrossRuns(TEN_TWELVE_FOURTEEN, TWENTY_TO_24, 0.05, 0.02);
        assertTrue(s.acrossRuns());
        assertTrue(s.significant());
        assertEquals(5.466084128944962 / 12, s.shiftLow(), 1e-9, "relative to the base mean");
        assertEquals(14.533915871055038 / 12, s.shiftHigh(), 1e-9);
        assertTrue(Double.isNaN(s.effectSize()), "no per-request effect size across runs");
        assertFalse(Significance.acrossRuns(TEN_TWELVE_FOURTEEN, TWENTY_TO_24, 0.001, 0.02).significant(),
                "p = 0.0036 is not below 0.001");
        assertFalse(Significance.acrossRuns(TEN_TWELVE_FOURTEEN, TWENTY_TO_24, 0.05, 0.9).significant(),
                "the means are 83% apart, not 90%");
        assertFalse(Significance.acrossRuns(AcrossRuns.one(12), TWENTY_TO_24, 0.01, 0.02).significant());
        assertNull(Significance.acrossRuns(AcrossRuns.one(12), AcrossRuns.one(13), 0.05, 0.02),
                "two single runs: nothing to test");
        assertEquals("yes: Welch t across runs p=0.00360, mean shift [+45.6%, +121.1%]",
                ComparisonRenderer.significanceText(s));
    }
}
