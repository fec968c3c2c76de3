package dev.tokenperf.simulate;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties over random configurations (a seeded loop, so a failure names its case and replays): TTFT rises
 * with the arrival rate, falls with more GPUs in the bottleneck pool, and each pool's utilisation tracks its
 * offered load ρ.
 */
class RandomConfigPropertiesTest {
    private static final int CASES = 25;
    /**
     * Absolute utilisation tolerance at ρ = 0.7 over 40,000 requests: the sample means of the arrival rate
     * and of the lognormal service time (CV about 1) each have a standard error under 0.6%, so 0.03 (4%) is
     * over five combined standard errors; rounding to whole tokens moves the mean by far less.
     */
    private static final double UTILISATION_TOLERANCE = 0.03;

    private record Case(int index, ServingModel model, TokenDistribution prompt, TokenDistribution output,
                        double capacity) {
        SimulationResult run(ServingModel m, double lambda, double seconds) {
            return Simulator.run(new SimulationConfig(m, new ArrivalSpec(ArrivalPattern.POISSON, lambda, 1, null),
                    prompt, output, seconds, seconds / 10, index));
        }

        /** Seconds that give about {@code requests} arrivals at {@code lambda}. */
        static double secondsFor(double lambda, int requests) {
            return requests / lambda;
        }
    }

    private static Case randomCase(int index, Random random) {
        ServingMode mode = List.of(ServingMode.AGGREGATED_POOL, ServingMode.DISAGG_DECODE_FIRST,
                ServingMode.DISAGG_PREFILL_FIRST).get(random.nextInt(3));
        int gp = 1 + random.nextInt(3);
        int gd = 1 + random.nextInt(3);
        int batch = 1 + random.nextInt(3);
        double rp = 2000 + random.nextDouble() * 18_000;
        double rd = 20 + random.nextDouble() * 80;
        ServingModel model = mode == ServingMode.AGGREGATED_POOL ? ServingModel.aggregatedPool(gd, rp, rd, batch, 0)
                : new ServingModel(mode, gp, rp, Math.round(random.nextDouble() * 20e6), 0, gd, rd, batch, 0);
        double meanPrompt = 200 + random.nextDouble() * 1800;
        double p50Output = 20 + random.nextDouble() * 200;
        TokenDistribution prompt = TokenDistribution.LogNormal.fromMeanStd(meanPrompt, meanPrompt / 2);
        TokenDistribution output = TokenDistribution.LogNormal.fromP50P90(p50Output, 3 * p50Output);
        Case draft = new Case(index, model, prompt, output, 0);
        double rhoAtOne = Simulator.run(new SimulationConfig(model, new ArrivalSpec(ArrivalPattern.POISSON, 1, 1,
                null), prompt, output, 1, 0, index)).bottleneck().offeredLoad();
        return new Case(index, model, prompt, output, 1 / rhoAtOne);
    }

    private static void forEachCase(java.util.function.Consumer<Case> check) {
        Random random = new Random(20261201);
        for (int i = 0; i < CASES; i++) {
            check.accept(randomCase(i, random));
        }
    }

    @Test
    void ttftRisesWithTheArrivalRate() {
        forEachCase(c -> {
            double low = 0.3 * c.capacity();
            double high = 0.6 * c.capacity();
            double seconds = Case.secondsFor(low, 6000);
            double ttftLow = c.run(c.model(), low, seconds).ttft().meanMs();
            double ttftHigh = c.run(c.model(), high, seconds).ttft().meanMs();
            assertTrue(ttftHigh > ttftLow, "case " + c.index() + " " + c.model() + ": TTFT " + ttftLow
                    + " ms at 0.3 of capacity, " + ttftHigh + " ms at 0.6");
        });
    }

    /**
     * One more GPU in the bottleneck pool lowers TTFT when that pool is on the first token's path, and never
     * raises it: in prefill-first mode the decode pool does not touch TTFT at all. FIFO multi-server waits
     * shrink request by request with another server, so this holds exactly, not just on average.
     */
    @Test
    void ttftFallsWithAnotherGpuInTheBottleneckPool() {
        forEachCase(c -> {
            double lambda = 0.9 * c.capacity();
            double seconds = Case.secondsFor(lambda, 6000);
            SimulationResult base = c.run(c.model(), lambda, seconds);
            String pool = base.bottleneck().name();
            double ttftBigger = c.run(withOneMoreGpu(c.model(), pool), lambda, seconds).ttft().meanMs();
            String message = "case " + c.index() + " " + c.model() + ": TTFT " + base.ttft().meanMs()
                    + " ms, with one more " + pool + " GPU " + ttftBigger;
            boolean onFirstTokenPath = !(c.model().mode() == ServingMode.DISAGG_PREFILL_FIRST && pool.equals("decode"));
            if (onFirstTokenPath) {
                assertTrue(ttftBigger < base.ttft().meanMs(), message);
            } else {
                assertEquals(base.ttft().meanMs(), ttftBigger, message);
            }
        });
    }

    @Test
    void utilisationTracksTheOfferedLoad() {
        forEachCase(c -> {
            double lambda = 0.7 * c.capacity();
            SimulationResult r = c.run(c.model(), lambda, Case.secondsFor(lambda, 40_000));
            for (PoolStat pool : r.pools()) {
                assertEquals(pool.offeredLoad(), pool.utilisation(), UTILISATION_TOLERANCE,
                        "case " + c.index() + " " + c.model() + " pool " + pool.name());
            }
        });
    }

    private static ServingModel withOneMoreGpu(ServingModel m, String pool) {
        if (m.mode() == ServingMode.AGGREGATED_POOL) {
            return ServingModel.aggregatedPool(m.decodeWorkers() + 1, m.prefillTokensPerSecond(),
                    m.decodeTokensPerSecond(), m.decodeMaxBatch(), 0);
        }
        boolean prefill = pool.equals("prefill");
        return new ServingModel(m.mode(), m.prefillWorkers() + (prefill ? 1 : 0), m.prefillTokensPerSecond(),
                m.kvTransferNanos(), 0, m.decodeWorkers() + (prefill ? 0 : 1), m.decodeTokensPerSecond(),
                m.decodeMaxBatch(), 0);
    }
}
