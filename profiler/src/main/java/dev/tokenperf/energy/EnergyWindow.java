package dev.tokenperf.energy;

import java.util.List;
import java.util.Locale;

/**
 * GPU energy over a measured window, per GPU and summed.
 *
 * @param gpus each GPU's energy
 */
public record EnergyWindow(List<GpuEnergy> gpus) {
    /**
     * @param gpu          the GPU's id
     * @param joules       energy over the window
     * @param fromCounter  true when it is the GPU's energy counter's difference, false when power was integrated
     * @param averageWatts power averaged over the window (integrated power / time)
     * @param peakWatts    highest power read
     * @param seconds      the window, first to last reading
     */
    public record GpuEnergy(String gpu, double joules, boolean fromCounter, double averageWatts, double peakWatts,
                            double seconds) {
    }

    public EnergyWindow {
        gpus = List.copyOf(gpus);
    }

    public boolean isEmpty() {
        return gpus.isEmpty();
    }

    public double joules() {
        return gpus.stream().mapToDouble(GpuEnergy::joules).sum();
    }

    /** Summed average power of the GPUs. */
    public double averageWatts() {
        return gpus.stream().mapToDouble(GpuEnergy::averageWatts).sum();
    }

    /** Summed peak power (an upper bound of the peak of the sum). */
    public double peakWatts() {
        return gpus.stream().mapToDouble(GpuEnergy::peakWatts).sum();
    }

    /**
     * The console's energy lines for a window that served {@code requests} and {@code outputTokens}.
     *
     * @param gramsCo2PerKwh the grid's carbon intensity
     */
    public String describe(long requests, long outputTokens, double gramsCo2PerKwh) {
        double joules = joules();
        double wh = joules / 3600;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, "GPU energy: %.6f Wh (%.1f J) over %d GPU(s), %s; average %.1f W, "
                        + "peak %.1f W%n", wh, joules, gpus.size(),
                gpus.stream().allMatch(GpuEnergy::fromCounter) ? "from the energy counters" : "power integrated",
                averageWatts(), peakWatts()));
        if (requests > 0) {
            out.append(String.format(Locale.US, "energy per request: %.6f Wh", wh / requests));
        }
        if (outputTokens > 0) {
            out.append(String.format(Locale.US, ", per output token: %.4f J, %.4f output tokens/J", joules / outputTokens,
                    outputTokens / joules));
        }
        out.append(String.format(Locale.US, "%nCO2: %.4f g at %.0f gCO2/kWh%n", wh / 1000 * gramsCo2PerKwh,
                gramsCo2PerKwh));
        return out.toString();
    }
}
