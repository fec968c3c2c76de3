package dev.tokenperf.simulate;

/**
 * One pool's load in a simulation.
 *
 * @param name        {@code prefill}, {@code decode} or (aggregated) {@code gpu}
 * @param slots       requests it serves at once: workers times batch slots
 * @param utilisation the busy share of its slots over the measured window
 * @param offeredLoad ρ = λ E[service] / slots, from the configuration (batch growth not counted); 1 or more
 *                    means the pool cannot keep up
 */
public record PoolStat(String name, int slots, double utilisation, double offeredLoad) {
}
