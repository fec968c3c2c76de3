package dev.tokenperf.simulate;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Throughput equals the arrival rate below saturation and flattens at the bottleneck pool's capacity above
 * it. The decode pool here is one GPU that takes exactly 1 s per request (1,000 tokens at 1,000 tokens/s), so
 * its capacity is 1 request/s; prefill (two GPUs, 0.1 s each) could do 20/s.
 */
class ThroughputTest {
    private static final ServingModel MODEL = new ServingModel(ServingMode.DISAGG_DECODE_FIRST, 2, 10_000, 0, 0, 1,
            1000, 1, 0);
    private static final double WINDOW_SECONDS = 20_000;

    private static SimulationResult at(double lambda) {
        return Simulator.run(new SimulationConfig(MODEL, new ArrivalSpec(ArrivalPattern.POISSON, lambda, 1, null),
                new TokenDistribution.Constant(1000), new TokenDistribution.Constant(1000), WINDOW_SECONDS + 100, 100,
                11));
    }

    @Test
    void belowSaturationThroughputIsTheArrivalRate() {
        for (double lambda : new double[] {0.2, 0.5, 0.8}) {
            SimulationResult r = at(lambda);
            double arrivalsPerSecond = r.measured() / WINDOW_SECONDS;
            // the requests that arrived in the window all complete in it, but for those still in the pools
            // at its ends: a few at these loads, so 0.1% of ~10,000
            assertEquals(arrivalsPerSecond, r.throughputPerSecond(), 0.001 * arrivalsPerSecond, "lambda " + lambda);
            // and the arrivals are λ within four standard errors of a Poisson count
            assertEquals(lambda, arrivalsPerSecond, 4 * Math.sqrt(lambda / WINDOW_SECONDS), "lambda " + lambda);
        }
    }

    @Test
    void aboveSaturationThroughputIsFlatAtTheBottleneckCapacity() {
        for (double lambda : new double[] {1.5, 3, 6}) {
            SimulationResult r = at(lambda);
            // the saturated decode GPU completes one request a second, give or take the window's two ends
            assertEquals(1.0, r.throughputPerSecond(), 0.001, "lambda " + lambda);
            assertEquals("decode", r.bottleneck().name());
            assertEquals(1.0, r.pools().get(1).utilisation(), 0.001);
        }
    }
}
