package dev.tokenperf.emulator;

/**
 * The emulated GPU's power: {@code idleWatts} plus {@code wattsPerStream} for each stream in flight.
 *
 * @param idleWatts      power with nothing in flight
 * @param wattsPerStream extra power per stream in flight
 */
public record GpuPowerModel(double idleWatts, double wattsPerStream) {
    public GpuPowerModel {
        if (!(idleWatts >= 0) || !(wattsPerStream >= 0)) {
            throw new IllegalArgumentException("--emulated-gpu-watts (" + idleWatts + "," + wattsPerStream
                    + ") must be two numbers >= 0");
        }
    }

    double watts(int streams) {
        return idleWatts + wattsPerStream * streams;
    }
}
