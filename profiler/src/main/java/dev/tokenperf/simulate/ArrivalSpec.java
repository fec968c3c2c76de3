package dev.tokenperf.simulate;

import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import dev.tokenperf.workloads.schedule.ArrivalSchedule;
import dev.tokenperf.workloads.schedule.RateSchedule;
import dev.tokenperf.workloads.schedule.TraceSchedule;

import java.util.List;
import java.util.Objects;

/**
 * When simulated requests arrive: at a rate with a pattern (the same {@link RateSchedule} an open-loop
 * {@code profile} run uses, so equal seeds give equal arrival times), or at a trace's own times, in which
 * case the trace's input and output lengths are the token counts.
 *
 * @param pattern       constant, poisson or gamma (ignored for a trace)
 * @param ratePerSecond requests per second (for a trace: its mean rate)
 * @param smoothness    the gamma shape K
 * @param trace         trace entries sorted by time, or null
 */
public record ArrivalSpec(ArrivalPattern pattern, double ratePerSecond, double smoothness, List<TraceEntry> trace) {
    public ArrivalSpec {
        Objects.requireNonNull(pattern, "pattern");
        if (trace == null && (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond))) {
            throw new IllegalArgumentException("arrival rate (" + ratePerSecond + ") must be > 0");
        }
        if (!(smoothness > 0) || Double.isInfinite(smoothness)) {
            throw new IllegalArgumentException("arrival smoothness (" + smoothness + ") must be > 0");
        }
        trace = trace == null ? null : List.copyOf(trace);
    }

    /** Arrivals of a trace, replayed at its own times. */
    public static ArrivalSpec ofTrace(List<TraceEntry> trace) {
        double rate = new TraceSchedule(trace, 1).targetRate();
        return new ArrivalSpec(ArrivalPattern.POISSON, rate, 1, trace);
    }

    /** The same arrivals at another rate (not for a trace). */
    public ArrivalSpec withRate(double rate) {
        if (trace != null) {
            throw new IllegalArgumentException("a trace sets its own rate");
        }
        return new ArrivalSpec(pattern, rate, smoothness, null);
    }

    ArrivalSchedule schedule(long seed) {
        return trace != null ? new TraceSchedule(trace, 1)
                : new RateSchedule(ratePerSecond, pattern, smoothness, 0, seed);
    }

    /** Describes the arrivals for the console. */
    public String describe() {
        return trace != null ? "trace of " + trace.size() + " requests (mean rate " + ratePerSecond + "/s)"
                : pattern.option() + " at " + ratePerSecond + "/s"
                + (pattern == ArrivalPattern.GAMMA ? " (shape " + smoothness + ")" : "");
    }
}
