package dev.tokenperf.energy;

/**
 * One GPU's telemetry at one moment.
 *
 * @param gpu           the GPU's id (DCGM's {@code gpu} or {@code UUID} label, nvidia-smi's index)
 * @param powerWatts    power draw
 * @param energyJoules  the GPU's cumulative energy counter, or NaN when the source has none
 * @param utilPercent   GPU utilisation, or NaN
 * @param memoryUsedMib framebuffer memory used, or NaN
 */
public record GpuReading(String gpu, double powerWatts, double energyJoules, double utilPercent,
                         double memoryUsedMib) {
}
