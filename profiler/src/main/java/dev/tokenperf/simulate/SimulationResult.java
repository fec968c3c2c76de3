package dev.tokenperf.simulate;

import java.util.List;

/**
 * What one simulation measured over its window (after warmup).
 *
 * @param config              what was simulated
 * @param ttft                time to first token of requests that arrived in the window
 * @param prefillWait         their wait for a prefill worker (aggregated: for a GPU)
 * @param decodeWait          their wait for a decode slot (0 when aggregated)
 * @param pools               each pool's utilisation and offered load
 * @param throughputPerSecond requests completed in the window per second of it
 * @param completed           requests completed in the window
 * @param measured            requests that arrived in the window (their TTFT is in {@code ttft})
 */
public record SimulationResult(SimulationConfig config, LatencySummary ttft, LatencySummary prefillWait,
                               LatencySummary decodeWait, List<PoolStat> pools, double throughputPerSecond,
                               long completed, long measured) {
    /** Below this many completed requests the percentiles are too noisy to trust, and the CLI says so. */
    public static final long FEW_COMPLETED = 1000;

    public SimulationResult {
        pools = List.copyOf(pools);
    }

    /** The pool with the highest offered load: the one that saturates first as the rate grows. */
    public PoolStat bottleneck() {
        PoolStat worst = pools.get(0);
        for (PoolStat p : pools) {
            if (p.offeredLoad() > worst.offeredLoad()) {
                worst = p;
            }
        }
        return worst;
    }
}
