package dev.tokenperf.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns timed readings into the energy of a window, per GPU and summed. A GPU's energy is its counter's
 * last minus first reading when every reading carried the counter (DCGM's
 * {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION}, preferred: the GPU integrates far finer than any poll); else
 * its power integrated over the readings' times with the trapezoid rule. Not thread-safe: one sampler feeds it.
 */
public final class EnergyAccumulator {
    private final Map<String, Gpu> gpus = new LinkedHashMap<>();

    /** Adds the readings taken at {@code nanos}. */
    public void add(long nanos, List<GpuReading> readings) {
        for (GpuReading r : readings) {
            gpus.computeIfAbsent(r.gpu(), id -> new Gpu()).add(nanos, r);
        }
    }

    /** The window so far; GPUs read fewer than twice have no energy and are left out. */
    public EnergyWindow window() {
        List<EnergyWindow.GpuEnergy> perGpu = new ArrayList<>();
        for (Map.Entry<String, Gpu> e : gpus.entrySet()) {
            Gpu g = e.getValue();
            if (g.samples >= 2) {
                perGpu.add(new EnergyWindow.GpuEnergy(e.getKey(), g.joules(), g.counterAll, g.integral
                        / ((g.lastNanos - g.firstNanos) / 1e9), g.peakWatts, (g.lastNanos - g.firstNanos) / 1e9));
            }
        }
        return new EnergyWindow(perGpu);
    }

    private static final class Gpu {
        int samples;
        long firstNanos;
        long lastNanos;
        double lastWatts;
        double firstCounter;
        double lastCounter;
        boolean counterAll = true;
        double integral;
        double peakWatts;

        void add(long nanos, GpuReading r) {
            if (samples == 0) {
                firstNanos = nanos;
                firstCounter = r.energyJoules();
            } else {
                integral += (lastWatts + r.powerWatts()) / 2 * ((nanos - lastNanos) / 1e9);
            }
            counterAll &= !Double.isNaN(r.energyJoules());
            lastCounter = r.energyJoules();
            lastNanos = nanos;
            lastWatts = r.powerWatts();
            peakWatts = Math.max(peakWatts, r.powerWatts());
            samples++;
        }

        double joules() {
            return counterAll ? lastCounter - firstCounter : integral;
        }
    }
}
