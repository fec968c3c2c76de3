package dev.tokenperf.simulate;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The simulator against queueing theory, over long seeded runs. Service times are prompt (or output) tokens
 * over a rate of 1,000 tokens/s, so a mean of 1,000 tokens is a mean of 1 s and rounding to whole tokens
 * changes service times by at most 0.05%.
 *
 * <p>Tolerance: 5% of the theoretical mean wait. With about 200,000 customers at ρ ≤ 0.8 the relative
 * standard error of a mean wait is 1-2% (queues are autocorrelated, so far above 1/sqrt(n)); 5% is over
 * 2.5 standard errors, and a wrong formula or a broken FIFO (LIFO or random order keep the mean but a
 * missing server or a double-booked slot do not) misses by far more.
 */
class ClosedFormTest {
    private static final double TOLERANCE = 0.05;
    private static final double RATE = 1000;
    private static final double SECONDS = 400_000;

    /** Exponential token counts: exponential service times at a fixed token rate. */
    record Exponential(double meanTokens) implements TokenDistribution {
        @Override
        public int sample(Random random) {
            return (int) Math.max(1, Math.round(-meanTokens * Math.log(1 - random.nextDouble())));
        }

        @Override
        public double mean() {
            return meanTokens;
        }

        @Override
        public String describe() {
            return "exponential " + meanTokens;
        }
    }

    private static SimulationResult simulate(ServingModel model, double lambda, TokenDistribution prompt,
                                             TokenDistribution output, long seed) {
        return Simulator.run(new SimulationConfig(model, new ArrivalSpec(ArrivalPattern.POISSON, lambda, 1, null),
                prompt, output, SECONDS, 1000, seed));
    }

    private static ServingModel disagg(int prefillGpus, int decodeGpus) {
        return new ServingModel(ServingMode.DISAGG_DECODE_FIRST, prefillGpus, RATE, 0, 0, decodeGpus, RATE, 1, 0);
    }

    private static void assertWithin(double expectedSeconds, double actualMs, String what) {
        double actual = actualMs / 1000;
        assertEquals(expectedSeconds, actual, TOLERANCE * expectedSeconds,
                what + ": theory " + expectedSeconds + " s, simulated " + actual + " s");
    }

    @Test
    void mm1PrefillAndDecodeWaitsMatchTheTandemMm1Formula() {
        // prefill M/M/1 at ρ = 0.5: Wq = ρ / (μ − λ) = 1 s. Its departures are Poisson (Burke), so the decode
        // pool is M/M/1 too: E[S] = 0.8 s, ρ = 0.4, Wq = 0.4 / (1.25 − 0.5) = 0.5333 s.
        SimulationResult r = simulate(disagg(1, 1), 0.5, new Exponential(1000), new Exponential(800), 1);

        assertWithin(1.0, r.prefillWait().meanMs(), "M/M/1 prefill wait");
        assertWithin(0.4 / 0.75, r.decodeWait().meanMs(), "M/M/1 decode wait");
    }

    @Test
    void md1WaitMatchesPollaczekKhinchine() {
        // W = λ E[S²] / (2 (1 − ρ)) with S = 1 s, λ = 0.6: 0.6 / 0.8 = 0.75 s
        SimulationResult r = simulate(disagg(1, 4), 0.6, new TokenDistribution.Constant(1000),
                new TokenDistribution.Constant(1), 2);

        assertWithin(0.75, r.prefillWait().meanMs(), "M/D/1 wait");
    }

    @Test
    void mg1LognormalWaitMatchesPollaczekKhinchine() {
        // S = P / 1000 with P lognormal of mean 1000, std 500: E[S] = 1, E[S²] = 1 + 0.25; λ = 0.5:
        // W = 0.5 * 1.25 / (2 * 0.5) = 0.625 s
        TokenDistribution prompt = TokenDistribution.LogNormal.fromMeanStd(1000, 500);
        SimulationResult r = simulate(disagg(1, 4), 0.5, prompt, new TokenDistribution.Constant(1), 3);

        assertWithin(0.625, r.prefillWait().meanMs(), "M/G/1 wait");
    }

    @Test
    void mmcWaitMatchesErlangC() {
        int c = 3;
        double lambda = 2.4; // ρ = 0.8 with E[S] = 1 s
        SimulationResult r = simulate(disagg(c, 4), lambda, new Exponential(1000), new TokenDistribution.Constant(1),
                4);

        assertWithin(erlangC(c, lambda) / (c - lambda), r.prefillWait().meanMs(), "M/M/3 wait");
    }

    @Test
    void mmcDecodePoolOfBatchSlotsMatchesErlangC() {
        // a decode GPU with 2 batch slots and no growth is 2 servers: 2 GPUs x 2 = M/M/4, E[S] = 1 s, ρ = 0.75
        ServingModel model = new ServingModel(ServingMode.DISAGG_DECODE_FIRST, 4, 100 * RATE, 0, 0, 2, RATE, 2, 0);
        SimulationResult r = simulate(model, 3, new TokenDistribution.Constant(1), new Exponential(1000), 5);

        assertWithin(erlangC(4, 3) / (4 - 3), r.decodeWait().meanMs(), "M/M/4 decode wait");
    }

    /** Erlang C: the probability an arrival waits in M/M/c with offered load {@code a = λ E[S]} (a < c). */
    static double erlangC(int c, double a) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < c; k++) {
            term *= a / k;
            sum += term;
        }
        double last = term * a / c * c / (c - a);
        return last / (sum + last);
    }

    @Test
    void erlangCMatchesItsKnownSmallCases() {
        assertEquals(0.7, erlangC(1, 0.7), 1e-12); // M/M/1: P(wait) = ρ
        assertEquals(2 * 0.2 * 0.2 / 1.2, erlangC(2, 0.4), 1e-12); // M/M/2: 2ρ² / (1 + ρ), ρ = 0.2
    }
}
