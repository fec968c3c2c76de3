package dev.tokenperf.cli;

import dev.tokenperf.client.Target;
import dev.tokenperf.energy.DcgmSource;
import dev.tokenperf.energy.EnergyMeter;
import dev.tokenperf.energy.NvidiaSmiSource;
import dev.tokenperf.energy.TelemetrySource;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** GPU telemetry for energy figures, and the grid's carbon intensity for CO2. */
public final class TelemetryOptions {
    /**
     * The world's average carbon intensity of electricity in 2023, 480 gCO2/kWh, from Ember's Global Electricity
     * Review 2024; set --grid-intensity to your grid's.
     */
    static final String DEFAULT_GRID_INTENSITY = "480";

    @Option(names = "--gpu-telemetry", paramLabel = "URL[,URL...]|nvidia-smi", split = ",",
            description = "Measure GPU energy over the run: NVIDIA DCGM exporter endpoints (Prometheus text; a path "
                    + "such as /dcgm/metrics is taken on the profiled server), or nvidia-smi to poll a local one.")
    List<String> sources;

    @Option(names = "--telemetry-interval", paramLabel = "S", defaultValue = "1",
            description = "Seconds between telemetry readings. Default: ${DEFAULT-VALUE}.")
    double intervalSeconds;

    @Option(names = "--grid-intensity", paramLabel = "G", defaultValue = DEFAULT_GRID_INTENSITY,
            description = "Grid carbon intensity, gCO2/kWh, for CO2 figures. Default: ${DEFAULT-VALUE} (world "
                    + "average 2023, Ember Global Electricity Review 2024).")
    double gramsCo2PerKwh;

    boolean enabled() {
        return sources != null && !sources.isEmpty();
    }

    /** Checks the flags before any load. */
    void validate() {
        if (!(intervalSeconds > 0)) {
            throw new UsageException("--telemetry-interval (" + intervalSeconds + ") must be > 0");
        }
        if (!(gramsCo2PerKwh >= 0)) {
            throw new UsageException("--grid-intensity (" + gramsCo2PerKwh + ") must be >= 0");
        }
        if (enabled()) {
            for (String s : sources) {
                if (!s.equals("nvidia-smi") && !s.startsWith("/") && !s.startsWith("http://")
                        && !s.startsWith("https://")) {
                    throw new UsageException("--gpu-telemetry " + s + ": give http[s]://host:port/metrics, a path "
                            + "on the profiled server, or nvidia-smi");
                }
            }
        }
    }

    /**
     * The meter over the sources, probed before any load: null when no telemetry was asked for, or (saying so in
     * one console line) when none answers, so that the run goes on without energy.
     */
    EnergyMeter probedMeter(Target server, PrintWriter console) throws InterruptedException {
        if (!enabled()) {
            return null;
        }
        EnergyMeter meter = meter(server);
        String missing = meter.probe();
        if (missing != null) {
            meter.close();
            console.println("GPU telemetry: none available (" + missing + "); energy is not reported");
            return null;
        }
        return meter;
    }

    /** The meter over the sources; paths resolve against {@code server}. */
    private EnergyMeter meter(Target server) {
        List<TelemetrySource> list = new ArrayList<>();
        for (String s : sources) {
            if (s.equals("nvidia-smi")) {
                list.add(new NvidiaSmiSource("nvidia-smi"));
            } else {
                try {
                    list.add(new DcgmSource(URI.create(s.startsWith("/") ? server + s : s)));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--gpu-telemetry " + s + ": " + e.getMessage());
                }
            }
        }
        return new EnergyMeter(list, Duration.ofNanos(Math.round(intervalSeconds * 1e9)), gramsCo2PerKwh);
    }
}
