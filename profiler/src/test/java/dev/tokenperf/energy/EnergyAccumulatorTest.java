package dev.tokenperf.energy;

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
        EnergyAccumulator acc = new EnergyAccumulator();
        acc.add(0, List.of(new GpuReading("0", 100, 5_000, 50, 1024)));
        acc.add(2 * S, List.of(new GpuReading("0", 300, 5_450, 90, 1024)));
        EnergyWindow w = acc.window();
        assertEquals(450.0, w.joules(), 1e-9, "counter difference, not the 400 J the trapezoid gives");
        assertTrue(w.gpus().get(0).fromCounter());
        assertEquals(200.0, w.averageWatts(), 1e-9, "integrated power over the window");
        assertEquals(300.0, w.peakWatts());
    }

    @Test
    void withoutACounterPowerIsIntegratedAndGpusAreSummed() {
        EnergyAccumulator acc = new EnergyAccumulator();
        acc.add(0, List.of(power("0", 100), power("1", 50)));
        acc.add(S, List.of(power("0", 200), power("1", 50)));
        acc.add(3 * S, List.of(power("0", 200), power("1", 150)));
        EnergyWindow w = acc.window();
        // GPU 0: 150 J + 400 J; GPU 1: 50 J + 200 J
        assertEquals(800.0, w.joules(), 1e-9);
        assertFalse(w.gpus().get(0).fromCounter());
        assertEquals(550.0 / 3 + 250.0 / 3, w.averageWatts(), 1e-9);
        assertEquals(350.0, w.peakWatts());
    }

    @Test
    void aGpuReadOnceHasNoWindow() {
        EnergyAccumulator acc = new EnergyAccumulator();
        acc.add(0, List.of(power("0", 100)));
        assertTrue(acc.window().isEmpty());
    }

    @Test
    void theConsoleLinesFollowFromTheWindow() {
        EnergyAccumulator acc = new EnergyAccumulator();
        acc.add(0, List.of(power("0", 3600)));
        acc.add(S, List.of(power("0", 3600)));
        String text = acc.window().describe(2, 7200, 500);
        assertTrue(text.startsWith("GPU energy: 1.000000 Wh (3600.0 J) over 1 GPU(s), power integrated; "
                + "average 3600.0 W, peak 3600.0 W"), text);
        assertTrue(text.contains("energy per request: 0.500000 Wh, per output token: 0.5000 J, 2.0000 output tokens/J"),
                text);
        assertTrue(text.contains("CO2: 0.5000 g at 500 gCO2/kWh"), text);
    }
}
