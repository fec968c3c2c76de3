package dev.tokenperf.reports.record;

import dev.tokenperf.reports.json.JsonNumbers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GPU energy of a run's measured window ({@code --gpu-telemetry}), per GPU and summed, with the timed
 * cumulative samples that any part of the window (a time slice) is measured from.
 *
 * @param gpus           each GPU's energy over the whole window
 * @param gramsCo2PerKwh the grid's carbon intensity ({@code --grid-intensity}), for CO2
 * @param samples        every reading in time order: the GPUs' cumulative energy since the window opened and
 *                       their summed power
 */
public record GpuEnergy(List<Gpu> gpus, double gramsCo2PerKwh, List<Sample> samples) {

    /** No telemetry: nothing is reported. */
    public static final GpuEnergy NONE = new GpuEnergy(List.of(), Double.NaN, List.of());

    /**
     * @param gpu         the GPU's id (DCGM's {@code gpu} or {@code UUID} label, nvidia-smi's index)
     * @param joules      energy over the window
     * @param fromCounter true when it is the GPU's energy counter's difference, false when power was integrated
     * @param peakWatts   highest power read
     * @param seconds     the window, its first to its last reading
     */
    public record Gpu(String gpu, double joules, boolean fromCounter, double peakWatts, double seconds) {
        public double averageWatts() {
            return joules / seconds;
        }
    }

    /**
     * One reading of every GPU.
     *
     * @param nanos  when, on the time axis of the run's records (from the run's origin)
     * @param joules the GPUs' energy since the window opened, summed
     * @param watts  the GPUs' power, summed
     */
    public record Sample(long nanos, double joules, double watts) {
    }

    /**
     * The energy figures of a stretch of time; their formulas, here once, are what the metric registry reports.
     *
     * @param joules         energy over the stretch
     * @param seconds        how long telemetry covered it
     * @param peakWatts      the highest summed power read in it
     * @param gramsCo2PerKwh the grid's carbon intensity
     */
    public record Window(double joules, double seconds, double peakWatts, double gramsCo2PerKwh) {
        public double wattHours() {
            return joules / 3600;
        }

        public double averageWatts() {
            return seconds > 0 ? joules / seconds : Double.NaN;
        }

        public double co2Grams() {
            return wattHours() / 1000 * gramsCo2PerKwh;
        }

        public double wattHoursPerRequest(long requests) {
            return requests > 0 ? wattHours() / requests : Double.NaN;
        }

        public double joulesPerToken(long tokens) {
            return tokens > 0 ? joules / tokens : Double.NaN;
        }

        public double tokensPerJoule(long tokens) {
            return joules > 0 ? tokens / joules : Double.NaN;
        }
    }

    public GpuEnergy {
        gpus = List.copyOf(gpus);
        samples = List.copyOf(samples);
    }

    public boolean isEmpty() {
        return gpus.isEmpty();
    }

    /** The whole window: each GPU's energy summed, the peak of the summed power. */
    public Window window() {
        double seconds = samples.isEmpty() ? 0 : (samples.get(samples.size() - 1).nanos() - samples.get(0).nanos()) / 1e9;
        return new Window(gpus.stream().mapToDouble(Gpu::joules).sum(), seconds,
                samples.stream().mapToDouble(Sample::watts).max().orElse(Double.NaN), gramsCo2PerKwh);
    }

    /**
     * The stretch from {@code fromNanos} to {@code toNanos} (record time): energy is the cumulative energy
     * interpolated linearly at both ends, so a slice boundary between two readings gets its share of the
     * energy between them; only the part the samples cover counts. The peak is the highest power read in the
     * stretch or interpolated at its ends.
     */
    public Window between(long fromNanos, long toNanos) {
        if (samples.size() < 2) {
            return new Window(0, 0, Double.NaN, gramsCo2PerKwh);
        }
        long from = Math.max(fromNanos, samples.get(0).nanos());
        long to = Math.min(toNanos, samples.get(samples.size() - 1).nanos());
        if (to <= from) {
            return new Window(0, 0, Double.NaN, gramsCo2PerKwh);
        }
        double peak = Math.max(at(from, false), at(to, false));
        for (Sample s : samples) {
            if (s.nanos() > from && s.nanos() < to) {
                peak = Math.max(peak, s.watts());
            }
        }
        return new Window(at(to, true) - at(from, true), (to - from) / 1e9, peak, gramsCo2PerKwh);
    }

    /** Cumulative joules (or power) at {@code nanos}, within the samples, interpolated between two readings. */
    private double at(long nanos, boolean joules) {
        for (int i = 1; i < samples.size(); i++) {
            Sample b = samples.get(i);
            if (nanos <= b.nanos()) {
                Sample a = samples.get(i - 1);
                double f = b.nanos() == a.nanos() ? 1 : (double) (nanos - a.nanos()) / (b.nanos() - a.nanos());
                return joules ? a.joules() + f * (b.joules() - a.joules()) : a.watts() + f * (b.watts() - a.watts());
            }
        }
        Sample last = samples.get(samples.size() - 1);
        return joules ? last.joules() : last.watts();
    }

    /** The console's energy lines for a window that served {@code requests} and {@code outputTokens}. */
    public String describe(long requests, long outputTokens) {
        Window w = window();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, "GPU energy: %.6f Wh (%.1f J) over %d GPU(s), %s; average %.1f W, "
                        + "peak %.1f W%n", w.wattHours(), w.joules(), gpus.size(),
                gpus.stream().allMatch(Gpu::fromCounter) ? "from the energy counters" : "power integrated",
                w.averageWatts(), w.peakWatts()));
        if (requests > 0) {
            out.append(String.format(Locale.US, "energy per request: %.6f Wh", w.wattHoursPerRequest(requests)));
        }
        if (outputTokens > 0) {
            out.append(String.format(Locale.US, ", per output token: %.4f J, %.4f output tokens/J",
                    w.joulesPerToken(outputTokens), w.tokensPerJoule(outputTokens)));
        }
        out.append(String.format(Locale.US, "%nCO2: %.4f g at %.0f gCO2/kWh%n", w.co2Grams(), gramsCo2PerKwh));
        return out.toString();
    }

    /** The {@code gpu_telemetry} section of {@code profile_export_aiperf.json}, read back by the result reader. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grid_intensity_g_per_kwh", gramsCo2PerKwh);
        List<Map<String, Object>> perGpu = new ArrayList<>();
        for (Gpu g : gpus) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("gpu", g.gpu());
            gm.put("joules", g.joules());
            gm.put("from_counter", g.fromCounter());
            gm.put("average_watts", JsonNumbers.finiteOrNull(g.averageWatts()));
            gm.put("peak_watts", g.peakWatts());
            gm.put("seconds", g.seconds());
            perGpu.add(gm);
        }
        m.put("gpus", perGpu);
        // three parallel arrays keep a long run's samples compact
        m.put("sample_ns", samples.stream().map(Sample::nanos).toList());
        m.put("sample_joules", samples.stream().map(Sample::joules).toList());
        m.put("sample_watts", samples.stream().map(Sample::watts).toList());
        return m;
    }
}
