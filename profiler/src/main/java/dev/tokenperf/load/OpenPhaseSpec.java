package dev.tokenperf.load;

import dev.tokenperf.workloads.schedule.ArrivalSchedule;

import java.time.Duration;

/**
 * One phase of an open-loop run.
 *
 * @param warmup         true when the phase's records are excluded from statistics
 * @param schedule       when each request should be sent (offsets from the phase start)
 * @param maxConcurrency requests in flight at most, or 0 for no cap; a request due while the cap is reached
 *                       waits for a free slot and its wait shows as schedule lag
 * @param stop           when to stop issuing, judged on each request's intended offset
 * @param plan           the prepared requests; request {@code i} uses item {@code i}
 * @param requestTimeout how long a request may take before it is failed as a timeout
 * @param limits         grace period and failure threshold (the ramp is part of the schedule)
 */
public record OpenPhaseSpec(boolean warmup, ArrivalSchedule schedule, int maxConcurrency, StopCondition stop,
                            RequestPlan plan, Duration requestTimeout, PhaseLimits limits) {
    public OpenPhaseSpec {
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("max concurrency (" + maxConcurrency + ") must be >= 0");
        }
    }
}
