package dev.tokenperf.energy;

import dev.tokenperf.reports.record.GpuEnergy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Energy from timed readings, with exact numbers: counters preferred, else the trapezoid rule. */
class EnergyAccumulatorTest {
    private static final long S = 1_000_000_000L;

    private static GpuReading power(String gpu, double watts) {
        return new GpuReading(gpu, watts, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void theCounterIsPreferredWhenEveryReadingHasIt() {
        EnergyAccumulator acc = new EnergyAccumulator(480);
        acc.add(0, List.of(new GpuReading("0", 100, 5_000, 50, 1024)));
        acc.add(2 * S, List.of(new GpuReading("0", 300, 5_450, 90, 1024)));
        GpuEnergy e = acc.window();
        assertEquals(450.0, e.window().joules(), 1e-9, "counter difference, not the 400 J the trapezoid gives");
        assertTrue(e.gpus().get(0).fromCounter());
        assertEquals(225.0, e.window().averageWatts(), 1e-9, "energy over the window's 2 s");
        assertEquals(300.0, e.window().peakWatts());
        assertEquals(480.0, e.gramsCo2PerKwh());
        assertEquals(List.of(new GpuEnergy.Sample(0, 0, 100), new GpuEnergy.Sample(2 * S, 450, 300)), e.samples());
    }

    @Test
    void withoutACounterPowerIsIntegratedAndGpusAreSummed() {
        EnergyAccumulator acc = new EnergyAccumulator(480);
        acc.add(0, List.of(power("0", 100), power("1", 50)));
        acc.add(S, List.of(power("0", 200), power("1", 50)));
        acc.add(3 * S, List.of(power("0", 200), power("1", 150)));
        GpuEnergy e = acc.window();
        // GPU 0: 150 J + 400 J; GPU 1: 50 J + 200 J
        assertEquals(800.0, e.window().joules(), 1e-9);
        assertFalse(e.gpus().get(0).fromCounter());
        assertEquals(800.0 / 3, e.window().averageWatts(), 1e-9);
        assertEquals(350.0, e.window().peakWatts(), "the peak of the summed power");
        assertEquals(List.of(new GpuEnergy.Sample(0, 0, 150), new GpuEnergy.Sample(S, 200, 250),
                new GpuEnergy.Sample(3 * S, 800, 350)), e.samples());
    }

    @Test
    void aGpuMissingFromAReadingKeepsItsCumulativeEnergy() {
        EnergyAccumulator acc = new EnergyAccumulator(480);
        acc.add(0, List.of(power("0", 100), power("1", 100)));
        acc.add(S, List.of(power("0", 100)));
        acc.add(2 * S, List.of(power("0", 100), power("1", 100)));
        // GPU 1 was not read at 1 s: its 100 J so far stays, its 200 J arrive with its next reading
        assertEquals(List.of(new GpuEnergy.Sample(0, 0, 200), new GpuEnergy.Sample(S, 100, 200),
                new GpuEnergy.Sample(2 * S, 400, 200)), acc.window().samples());
    }

    @Test
    void aGpuReadOnceHasNoWindow() {
        EnergyAccumulator acc = new EnergyAccumulator(480);
        acc.add(0, List.of(power("0", 100)));
        assertTrue(acc.window().isEmpty());
    }

    @Test
    void theConsoleLinesFollowFromTheWindow() {
        EnergyAccumulator acc = new EnergyAccumulator(500);
        acc.add(0, List.of(power("0", 3600)));
        acc.add(S, List.of(power("0", 3600)));
        String text = acc.window().describe(2, 7200);
        assertTrue(text.startsWith("GPU energy: 1.000000 Wh (3600.0 J) over 1 GPU(s), power integrated; "
                + "average 3600.0 W, peak 3600.0 W"), text);
        assertTrue(text.contains("energy per request: 0.500000 Wh, per output token: 0.5000 J, 2.0000 output tokens/J"),
                text);
        assertTrue(text.contains("CO2: 0.5000 g at 500 gCO2/kWh"), text);
    }
}
