package dev.tokenperf.profile;

import dev.tokenperf.load.PhaseLimits;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;

import java.util.List;
import java.util.Map;

/**
 * How the load is driven, beside the {@link ProfileSettings} of what is sent: closed loop at the settings'
 * concurrency, an open loop at a rate, or a replayed trace; plus warmup duration, stop limits and the
 * client-lag budget.
 *
 * @param requestRate           open loop: requests per second, or 0 for closed loop (or trace replay)
 * @param pattern               open loop: how gaps vary
 * @param smoothness            gamma shape K (1 = Poisson)
 * @param seed                  seed of the arrival schedule
 * @param trace                 trace replay: the entries, or null
 * @param speedup               trace replay: time compression factor
 * @param concurrencyCapped     open loop: whether the settings' concurrency caps requests in flight
 * @param rampSeconds           closed loop: concurrency ramp; open loop: rate ramp
 * @param warmupDurationNanos   warmup phase length, or 0 (the warmup request count also applies)
 * @param limits                grace period and failure threshold of the measured phase
 * @param maxClientLagMillis    p99 lag budget beyond which a result is client-limited
 */
public record LoadModel(double requestRate, ArrivalPattern pattern, double smoothness, long seed,
                        List<TraceEntry> trace, double speedup, boolean concurrencyCapped, double rampSeconds,
                        long warmupDurationNanos, PhaseLimits limits, double maxClientLagMillis) {

    public LoadModel {
        trace = trace == null ? null : List.copyOf(trace);
        if (requestRate < 0 || (requestRate > 0 && trace != null)) {
            throw new IllegalArgumentException("a load is either a rate (> 0) or a trace, not both");
        }
    }

    /** The core's closed loop, with the default limits. */
    public static LoadModel closedLoop() {
        return new LoadModel(0, ArrivalPattern.CONSTANT, 1, 0, null, 1, false, 0, 0, PhaseLimits.DEFAULT, 1.0);
    }

    public boolean openLoop() {
        return requestRate > 0 || trace != null;
    }

    /** {@code concurrency}, {@code request_rate} or {@code fixed_schedule}. */
    public String mode() {
        return trace != null ? "fixed_schedule" : requestRate > 0 ? "request_rate" : "concurrency";
    }

    /** The same load at another rate (for sweeps). */
    public LoadModel withRate(double rate) {
        return new LoadModel(rate, pattern, smoothness, seed, trace, speedup, concurrencyCapped, rampSeconds,
                warmupDurationNanos, limits, maxClientLagMillis);
    }

    /** Adds this load's settings to the saved configuration's {@code loadgen} section. */
    void describeInto(Map<String, Object> loadgen) {
        loadgen.put("mode", mode());
        if (requestRate > 0) {
            loadgen.put("request_rate", requestRate);
            loadgen.put("arrival_pattern", pattern.option());
            loadgen.put("arrival_smoothness", smoothness);
            loadgen.put("random_seed", seed);
            loadgen.put("request_rate_ramp_duration_s", rampSeconds);
        } else if (trace == null) {
            loadgen.put("concurrency_ramp_duration_s", rampSeconds);
        }
        if (trace != null) {
            loadgen.put("fixed_schedule_entries", trace.size());
            loadgen.put("fixed_schedule_speedup", speedup);
        }
        if (openLoop()) {
            loadgen.put("concurrency_capped", concurrencyCapped);
        }
        loadgen.put("warmup_duration_s", warmupDurationNanos / 1e9);
        loadgen.put("benchmark_grace_period_s", limits.gracePeriodNanos() / 1e9);
        loadgen.put("failed_request_threshold", limits.failedRequestThreshold() == 0 ? null
                : limits.failedRequestThreshold());
        loadgen.put("max_client_lag_ms", maxClientLagMillis);
    }
}
