package dev.tokenperf.simulate;

import dev.tokenperf.serving.ServingModel;

import java.util.Objects;

/**
 * One simulation: the serving model, the arrivals, the token counts and the simulated time.
 *
 * @param model         pools and rates ({@link ServingModel}); its mode picks aggregated or disaggregated
 * @param arrivals      when requests arrive
 * @param promptTokens  prompt lengths (ignored when the arrivals are a trace)
 * @param outputTokens  output lengths (ignored when the arrivals are a trace)
 * @param simSeconds    simulated seconds of arrivals
 * @param warmupSeconds the first seconds, excluded from every statistic by event time
 * @param seed          seeds the arrivals and the token counts; equal seeds give equal results
 */
public record SimulationConfig(ServingModel model, ArrivalSpec arrivals, TokenDistribution promptTokens,
                               TokenDistribution outputTokens, double simSeconds, double warmupSeconds, long seed) {
    public SimulationConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(arrivals, "arrivals");
        Objects.requireNonNull(promptTokens, "promptTokens");
        Objects.requireNonNull(outputTokens, "outputTokens");
        if (!(simSeconds > 0) || Double.isInfinite(simSeconds)) {
            throw new IllegalArgumentException("sim seconds (" + simSeconds + ") must be > 0");
        }
        if (!(warmupSeconds >= 0) || warmupSeconds >= simSeconds) {
            throw new IllegalArgumentException("warmup seconds (" + warmupSeconds + ") must be >= 0 and below sim "
                    + "seconds (" + simSeconds + ")");
        }
    }

    /** The same simulation at another arrival rate. */
    public SimulationConfig withRate(double rate) {
        return new SimulationConfig(model, arrivals.withRate(rate), promptTokens, outputTokens, simSeconds,
                warmupSeconds, seed);
    }

    /** The same simulation with another serving model. */
    public SimulationConfig withModel(ServingModel other) {
        return new SimulationConfig(other, arrivals, promptTokens, outputTokens, simSeconds, warmupSeconds, seed);
    }
}
