package dev.tokenperf.load;

import java.time.Duration;

/**
 * One phase of a closed-loop run.
 *
 * @param warmup         true when the phase's records are excluded from statistics
 * @param concurrency    connections, each with at most one request in flight (the plan's
 *                       {@code LoadModel.ClosedLoop} checked it)
 * @param stop           when to stop issuing
 * @param plan           the prepared requests
 * @param requestTimeout how long a request may take before it is failed as a timeout
 * @param limits         grace period, failure threshold and concurrency ramp
 */
public record PhaseSpec(boolean warmup, int concurrency, StopCondition stop, RequestPlan plan,
                        Duration requestTimeout, PhaseLimits limits) {

    public PhaseSpec(boolean warmup, int concurrency, StopCondition stop, RequestPlan plan, Duration requestTimeout) {
        this(warmup, concurrency, stop, plan, requestTimeout, PhaseLimits.DEFAULT);
    }
}
