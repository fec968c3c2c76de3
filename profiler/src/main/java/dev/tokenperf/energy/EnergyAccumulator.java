package dev.tokenperf.energy;

import dev.tokenperf.reports.record.GpuEnergy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns timed readings into the energy of a window, per GPU and summed. A GPU's energy is its counter's
 * last minus first reading when every reading carried the counter (DCGM's
 * {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION}, preferred: the GPU integrates far finer than any poll); else
 * its power integrated over the readings' times with the trapezoid rule. Each reading also becomes a sample of
 * the GPUs' cumulative energy, from which a part of the window (a time slice) is measured. Not thread-safe: one
 * sampler feeds it.
 */
public final class EnergyAccumulator {
    private final double gramsCo2PerKwh;
    private final Map<String, Gpu> gpus = new LinkedHashMap<>();
    private final List<Long> times = new ArrayList<>();

    /** @param gramsCo2PerKwh the grid's carbon intensity, carried to the window for CO2 */
    public EnergyAccumulator(double gramsCo2PerKwh) {
        this.gramsCo2PerKwh = gramsCo2PerKwh;
    }

    /** Adds the readings taken at {@code nanos}; a GPU missing from them keeps its last values for this sample. */
    public void add(long nanos, List<GpuReading> readings) {
        for (GpuReading r : readings) {
            gpus.computeIfAbsent(r.gpu(), id -> new Gpu(times.size())).add(nanos, r);
        }
        times.add(nanos);
        gpus.values().forEach(Gpu::sample);
    }

    /** The window so far; GPUs read fewer than twice have no energy and are left out. */
    public GpuEnergy window() {
        List<GpuEnergy.Gpu> perGpu = new ArrayList<>();
        List<Gpu> measured = new ArrayList<>();
        for (Map.Entry<String, Gpu> e : gpus.entrySet()) {
            Gpu g = e.getValue();
            if (g.readings >= 2) {
                perGpu.add(new GpuEnergy.Gpu(e.getKey(), g.joules(), g.counterAll, g.peakWatts,
                        (g.lastNanos - g.firstNanos) / 1e9));
                measured.add(g);
            }
        }
        List<GpuEnergy.Sample> samples = new ArrayList<>();
        for (int i = 0; i < times.size() && !measured.isEmpty(); i++) {
            double joules = 0;
            double watts = 0;
            for (Gpu g : measured) {
                joules += g.cumulative(i);
                watts += g.watts(i);
            }
            samples.add(new GpuEnergy.Sample(times.get(i), joules, watts));
        }
        return perGpu.isEmpty() ? GpuEnergy.NONE : new GpuEnergy(perGpu, gramsCo2PerKwh, samples);
    }

    private static final class Gpu {
        /** The sample index of the GPU's first reading: before it the GPU counts nothing. */
        final int firstSample;
        int readings;
        long firstNanos;
        long lastNanos;
        double lastWatts;
        double firstCounter;
        double lastCounter;
        boolean counterAll = true;
        double integral;
        double peakWatts;
        final List<double[]> history = new ArrayList<>(); // per sample: counter difference, integral, watts

        Gpu(int firstSample) {
            this.firstSample = firstSample;
        }

        void add(long nanos, GpuReading r) {
            if (readings == 0) {
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
            readings++;
        }

        void sample() {
            history.add(new double[] {lastCounter - firstCounter, integral, lastWatts});
        }

        double joules() {
            return counterAll ? lastCounter - firstCounter : integral;
        }

        double cumulative(int sample) {
            return sample < firstSample ? 0 : history.get(sample - firstSample)[counterAll ? 0 : 1];
        }

        double watts(int sample) {
            return sample < firstSample ? 0 : history.get(sample - firstSample)[2];
        }
    }
}
