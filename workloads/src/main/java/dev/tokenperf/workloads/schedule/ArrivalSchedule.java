package dev.tokenperf.workloads.schedule;

/**
 * The plan of an open-loop phase: when each request should be sent, as an offset from the phase start.
 * Offsets are absolute, never accumulated from actual send times, so a late send never shifts the ones
 * after it. Implementations are used by one thread at a time and are deterministic for a given seed.
 */
public interface ArrivalSchedule {
    /** The offset in nanoseconds of the next request, or -1 when the schedule has no more requests. */
    long nextOffsetNanos();

    /** The target rate in requests per second after any ramp, or NaN when the schedule has no single rate. */
    double targetRate();
}
