package dev.tokenperf.cli;

import dev.tokenperf.emulator.GpuPowerModel;
import picocli.CommandLine.Option;

import java.util.List;

/** The emulator's GPU, served in the DCGM exporter's format at /dcgm/metrics. */
public final class EmulatedGpuOptions {
    @Option(names = "--emulated-gpu-watts", paramLabel = "IDLE,PER_STREAM", split = ",",
            description = "Emulator: serve a GPU at /dcgm/metrics (DCGM exporter format) drawing IDLE watts plus "
                    + "PER_STREAM watts per stream in flight, with an energy counter integrating it every ms. "
                    + "Default: no GPU.")
    List<Double> watts;

    /** The power model, or null for no GPU. */
    GpuPowerModel model() {
        if (watts == null) {
            return null;
        }
        if (watts.size() != 2) {
            throw new UsageException("--emulated-gpu-watts takes two numbers, IDLE,PER_STREAM; got " + watts);
        }
        try {
            return new GpuPowerModel(watts.get(0), watts.get(1));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
