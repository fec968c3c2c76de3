package dev.tokenperf.reports.plan;

import dev.tokenperf.workloads.schedule.ArrivalPattern;

/**
 * How the load is driven: a {@link ClosedLoop} at a concurrency, an {@link OpenLoop} at a rate, or a
 * {@link TraceReplay}. Each owns its concurrency and what it means: connections for a closed loop, an optional
 * cap on requests in flight for the other two.
 */
public sealed interface LoadModel permits LoadModel.ClosedLoop, LoadModel.Scheduled {

    /** {@code concurrency}, {@code request_rate} or {@code fixed_schedule}. */
    String mode();

    /** The {@code --concurrency} value this load was built with. */
    int concurrency();

    /** Requests in flight at most, or 0 for no cap. */
    int maxInFlight();

    /** The same load at another {@code --concurrency} (a sweep point). */
    LoadModel withConcurrency(int concurrency);

    /** Measured requests when neither a count nor a duration is given. */
    long defaultRequestCount();

    /** True when requests are sent on a schedule, whatever the server does. */
    default boolean openLoop() {
        return this instanceof Scheduled;
    }

    /** Whether {@code --concurrency} caps the requests in flight of an open loop. */
    default boolean concurrencyCapped() {
        return openLoop() && maxInFlight() > 0;
    }

    /** The rule of {@code --concurrency}, shared by every load model. */
    static int requireConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be >= 1, got " + concurrency);
        }
        return concurrency;
    }

    /**
     * Closed loop: {@code concurrency} connections, each sending its next request when the previous one ends.
     *
     * @param concurrency connections, one request in flight each
     * @param rampSeconds the connections start evenly over this long
     */
    record ClosedLoop(int concurrency, double rampSeconds) implements LoadModel {
        public ClosedLoop {
            requireConcurrency(concurrency);
            Limits.between("--concurrency-ramp-duration", rampSeconds, 0, Limits.MAX_SECONDS, "seconds");
        }

        @Override
        public String mode() {
            return "concurrency";
        }

        @Override
        public int maxInFlight() {
            return concurrency;
        }

        @Override
        public LoadModel withConcurrency(int newConcurrency) {
            return new ClosedLoop(newConcurrency, rampSeconds);
        }

        @Override
        public long defaultRequestCount() {
            return 10L * concurrency;
        }
    }

    /** A load sent on a schedule (a rate or a trace), where {@code --concurrency} is an optional cap. */
    sealed interface Scheduled extends LoadModel permits OpenLoop, TraceReplay {
        /** The optional cap on requests in flight. */
        InFlightCap cap();

        @Override
        default int concurrency() {
            return cap().concurrency();
        }

        @Override
        default int maxInFlight() {
            return cap().limit();
        }
    }

    /**
     * Open loop: requests sent at a rate whatever the server does.
     *
     * @param rate        requests per second
     * @param pattern     how gaps vary
     * @param smoothness  gamma shape K (1 = Poisson)
     * @param seed        seed of the arrival schedule
     * @param rampSeconds the rate ramps linearly from 0 over this long
     * @param cap         the optional cap on requests in flight
     */
    record OpenLoop(double rate, ArrivalPattern pattern, double smoothness, long seed,
                    double rampSeconds, InFlightCap cap) implements Scheduled {
        public OpenLoop {
            Limits.positive("--request-rate", rate, Limits.MAX_RATE, "requests/s");
            Limits.positive("--arrival-smoothness", smoothness, Limits.MAX_RATE, "");
            Limits.between("--request-rate-ramp-duration", rampSeconds, 0, Limits.MAX_SECONDS, "seconds");
        }

        @Override
        public String mode() {
            return "request_rate";
        }

        @Override
        public LoadModel withConcurrency(int newConcurrency) {
            return new OpenLoop(rate, pattern, smoothness, seed, rampSeconds,
                    new InFlightCap(newConcurrency, cap.capped()));
        }

        /** The same load at another rate (a sweep point). */
        public OpenLoop withRate(double newRate) {
            return new OpenLoop(newRate, pattern, smoothness, seed, rampSeconds, cap);
        }

        /** 10 s of load at the rate, at least 10 requests. */
        @Override
        public long defaultRequestCount() {
            return Math.max(10, (long) Math.ceil(10 * rate));
        }
    }

    /**
     * Trace replay: requests sent at a trace's own times.
     *
     * @param entries requests in the trace
     * @param speedup time compression factor
     * @param cap     the optional cap on requests in flight
     */
    record TraceReplay(int entries, double speedup, InFlightCap cap) implements Scheduled {
        public TraceReplay {
            Limits.positive("--fixed-schedule-speedup", speedup, Limits.MAX_RATE, "");
            if (entries < 0) {
                throw new IllegalArgumentException("--fixed-schedule has " + entries + " entries");
            }
        }

        @Override
        public String mode() {
            return "fixed_schedule";
        }

        @Override
        public LoadModel withConcurrency(int newConcurrency) {
            return new TraceReplay(entries, speedup, new InFlightCap(newConcurrency, cap.capped()));
        }

        /** The whole trace. */
        @Override
        public long defaultRequestCount() {
            return entries;
        }
    }
}
