package dev.tokenperf.emulator;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.netty.channel.EventLoopGroup;

/**
 * A GPU for the emulator to report at {@value #PATH} in the DCGM exporter's format: its power is
 * {@code idleWatts + wattsPerStream x streams in flight}, and its energy counter integrates that power every
 * millisecond, so a client's energy figures can be checked against a counter whose truth is known.
 */
final class EmulatedGpu {
    /** Where the emulator serves the GPU's DCGM-like metrics. */
    static final String PATH = "/dcgm/metrics";
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final GpuPowerModel model;
    private final IntSupplier streamsInFlight;
    private double joules;
    private double watts;
    private long lastNanos;

    EmulatedGpu(GpuPowerModel model, IntSupplier streamsInFlight) {
        this.model = model;
        this.streamsInFlight = streamsInFlight;
    }

    /** Starts integrating on one of {@code loop}'s threads. */
    void start(EventLoopGroup loop) {
        synchronized (this) {
            lastNanos = System.nanoTime();
            watts = model.watts(streamsInFlight.getAsInt());
        }
        // the task ends with the loop, when the emulator closes
        loop.next().scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        joules += watts * ((now - lastNanos) / 1e9);
        lastNanos = now;
        watts = model.watts(streamsInFlight.getAsInt());
    }

    /** The DCGM exporter's lines for GPU 0: power (W), total energy (mJ), utilisation (%), memory used (MiB). */
    synchronized String render() {
        tick();
        String labels = "{gpu=\"0\",UUID=\"GPU-tokenperf-emulated-0\",modelName=\"tokenperf emulated GPU\"}";
        int streams = streamsInFlight.getAsInt();
        return "# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).\n# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n"
                + "DCGM_FI_DEV_POWER_USAGE" + labels + " " + String.format(Locale.US, "%.3f", watts) + "\n"
                + "# HELP DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION Total energy consumption since boot (in mJ).\n"
                + "# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n"
                + "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" + labels + " " + String.format(Locale.US, "%.0f",
                joules * 1000) + "\n"
                + "# TYPE DCGM_FI_DEV_GPU_UTIL gauge\nDCGM_FI_DEV_GPU_UTIL" + labels + " " + (streams > 0 ? 100 : 0)
                + "\n# TYPE DCGM_FI_DEV_FB_USED gauge\nDCGM_FI_DEV_FB_USED" + labels + " " + (1024 + 16 * streams)
                + "\n";
    }
}
