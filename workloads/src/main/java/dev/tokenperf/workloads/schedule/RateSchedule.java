package dev.tokenperf.workloads.schedule;

/**
 * An open-loop schedule at a target rate, optionally ramped up linearly from 0 over a ramp duration.
 *
 * <p>It draws the arrivals of a unit-rate process (gaps from {@link GapSampler}, so the pattern's CV is
 * kept) and maps each arrival time {@code u} through the inverse of the cumulative rate
 * {@code L(t) = R t^2 / (2T)} for {@code t < T}, {@code R T / 2 + R (t - T)} after: during the ramp the
 * instantaneous rate is {@code R t / T}, then {@code R}. Without a ramp, {@code t = u / R}. The first
 * request is at offset 0.
 */
public final class RateSchedule implements ArrivalSchedule {
    private final double ratePerSecond;
    private final double rampSeconds;
    private final GapSampler gaps;
    private double unitTime;
    private boolean started;

    /**
     * @param ratePerSecond requests per second after the ramp
     * @param pattern       how gaps vary
     * @param smoothness    the gamma shape K (ignored unless {@code pattern} is GAMMA)
     * @param rampSeconds   seconds to ramp from 0 to the rate, or 0 for none
     * @param seed          the random seed; equal seeds give equal schedules
     */
    public RateSchedule(double ratePerSecond, ArrivalPattern pattern, double smoothness, double rampSeconds,
                        long seed) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("request rate (" + ratePerSecond + ") must be > 0");
        }
        if (!(rampSeconds >= 0)) {
            throw new IllegalArgumentException("ramp duration (" + rampSeconds + ") must be >= 0");
        }
        this.ratePerSecond = ratePerSecond;
        this.rampSeconds = rampSeconds;
        this.gaps = new GapSampler(pattern, smoothness, seed);
    }

    @Override
    public long nextOffsetNanos() {
        if (started) {
            unitTime += gaps.next();
        }
        started = true;
        return Math.round(secondsAt(unitTime) * 1e9);
    }

    @Override
    public double targetRate() {
        return ratePerSecond;
    }

    /** The time at which the unit-rate process reaches {@code u} arrivals under the ramped rate. */
    private double secondsAt(double u) {
        if (rampSeconds == 0) {
            return u / ratePerSecond;
        }
        double rampArrivals = ratePerSecond * rampSeconds / 2;
        if (u < rampArrivals) {
            return Math.sqrt(2 * rampSeconds * u / ratePerSecond);
        }
        return rampSeconds + (u - rampArrivals) / ratePerSecond;
    }
}
