package dev.tokenperf.simulate;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator, run with known pool sizes at rates through saturation, stands in for a measured sweep: the fit
 * must find the pool that saturates and its size from the top rate's throughput, and only lower bounds when the
 * sweep stops short of saturation. The rates are the simulated ones exactly (standard error 0).
 */
class PoolSizeFitTest {
    private static final double RP = 8000;
    private static final double RD = 50;

    private static SimulationResult top(ServingModel model, TokenDistribution prompt, TokenDistribution output,
                                        List<Double> rates) {
        SimulationConfig config = new SimulationConfig(model, new ArrivalSpec(ArrivalPattern.POISSON, 1, 1, null),
                prompt, output, 600, 60, 5);
        Sweep sweep = Sweep.run(Map.of("curve", config), rates);
        List<SimulationResult> curve = sweep.curves().get("curve");
        return curve.get(curve.size() - 1);
    }

    private static PoolSizeFit fit(SimulationResult top, ServingModel model, Map<String, Integer> given) {
        SimulationConfig c = top.config();
        double rate = c.arrivals().ratePerSecond();
        PoolSizeFit.Saturation saturation = new PoolSizeFit.Saturation(rate, rate, top.throughputPerSecond(),
                top.completed(), c.promptTokens().mean(), 0, c.outputTokens().mean(), 0);
        ModelFit rates = new ModelFit(RP, 0, 0, RD, 0, c.promptTokens(), c.outputTokens());
        return PoolSizeFit.of(saturation, rates, model, given);
    }

    private static PoolSizeFit.PoolSize pool(PoolSizeFit fit, String name) {
        return fit.pools().stream().filter(p -> p.pool().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSaturatedDecodePoolIsSizedFromTheTopThroughput() {
        // decode: 2 GPUs x 16 slots, each request holding one for 230 tokens at 50 tok/s: 6.96 requests/s;
        // prefill: one GPU at 8,000 tok/s over 500-token prompts could do 16/s
        ServingModel truth = new ServingModel(ServingMode.DISAGG_DECODE_FIRST, 1, RP, 0, 0, 2, RD, 16, 0);
        SimulationResult top = top(truth, TokenDistribution.LogNormal.fromMeanStd(500, 200),
                TokenDistribution.LogNormal.fromMeanStd(230, 100), List.of(2.0, 4.0, 6.0, 8.0, 10.0));

        PoolSizeFit fit = fit(top, truth, Map.of());

        assertTrue(fit.top().saturated(), fit.finding());
        PoolSizeFit.PoolSize decode = pool(fit, "decode");
        assertEquals(PoolSizeFit.Verdict.SATURATED, decode.verdict());
        assertEquals(2, decode.size());
        assertEquals(2.0, decode.estimate(), 0.05);
        assertEquals(PoolSizeFit.Verdict.LOWER_BOUND, pool(fit, "prefill").verdict());
        assertEquals(1, pool(fit, "prefill").size());
        assertTrue(fit.finding().contains("decode saturates first (16 sequences per GPU at 50 tok/s)"), fit.finding());
        assertFalse(fit.finding().contains("ambiguous"), fit.finding());
    }

    @Test
    void aSaturatedPrefillPoolIsSizedAndDecodeGetsALowerBound() {
        // prefill: 3 GPUs over 2,000-token prompts at 8,000 tok/s: 12 requests/s; decode could do 32/s
        ServingModel truth = new ServingModel(ServingMode.DISAGG_DECODE_FIRST, 3, RP, 0, 0, 4, RD, 16, 0);
        SimulationResult top = top(truth, new TokenDistribution.Constant(2000), new TokenDistribution.Constant(100),
                List.of(4.0, 8.0, 16.0));

        PoolSizeFit fit = fit(top, truth, Map.of());

        assertEquals(PoolSizeFit.Verdict.SATURATED, pool(fit, "prefill").verdict());
        assertEquals(3, pool(fit, "prefill").size());
        // 12/s x 100 tokens / (16 x 50 tok/s) = 1.5 decode GPUs busy: at least 2
        assertEquals(PoolSizeFit.Verdict.LOWER_BOUND, pool(fit, "decode").verdict());
        assertEquals(1.5, pool(fit, "decode").estimate(), 0.02);
        assertEquals(2, pool(fit, "decode").size());
    }

    @Test
    void anAggregatedPoolIsSizedFromItsSlotsHoldingPrefillAndDecode() {
        // 3 GPUs x 4 slots, each request holding one for 1000/8000 s of prefill and 50 steps of 1/50 s: 10.7/s
        ServingModel truth = ServingModel.aggregatedPool(3, RP, RD, 4, 0);
        SimulationResult top = top(truth, new TokenDistribution.Constant(1000), new TokenDistribution.Constant(51),
                List.of(4.0, 16.0));

        PoolSizeFit fit = fit(top, truth, Map.of());

        assertEquals(List.of("gpu"), fit.pools().stream().map(PoolSizeFit.PoolSize::pool).toList());
        assertEquals(PoolSizeFit.Verdict.SATURATED, fit.pools().get(0).verdict());
        assertEquals(3, fit.pools().get(0).size());
    }

    @Test
    void aSweepThatNeverSaturatesGivesLowerBoundsOnly() {
        ServingModel truth = new ServingModel(ServingMode.DISAGG_DECODE_FIRST, 1, RP, 0, 0, 2, RD, 16, 0);
        SimulationResult top = top(truth, new TokenDistribution.Constant(500), new TokenDistribution.Constant(230),
                List.of(2.0, 5.0));

        PoolSizeFit fit = fit(top, truth, Map.of());

        assertFalse(fit.top().saturated());
        assertTrue(fit.finding().startsWith("no pool saturated: throughput 5"), fit.finding());
        // 5/s x 230 / 800 = 1.44 decode GPUs busy, 5/s x 500 / 8000 = 0.31 prefill: at least 2 and 1
        assertEquals(PoolSizeFit.Verdict.LOWER_BOUND, pool(fit, "decode").verdict());
        assertEquals(2, pool(fit, "decode").size());
        assertEquals(1, pool(fit, "prefill").size());
        assertTrue(fit.lines(key -> null).get(1).startsWith("decode_gpus ≥ 2 (fitted 1.4"), fit.lines(k -> null)
                .toString());
    }

    @Test
    void aClientThatCouldNotSendTheRateDoesNotMakeTheServerLookSaturated() {
        ServingModel truth = new ServingModel(ServingMode.DISAGG_DECODE_FIRST, 1, RP, 0, 0, 2, RD, 16, 0);
        TokenDistribution prompt = new TokenDistribution.Constant(500);
        TokenDistribution output = new TokenDistribution.Constant(230);
        ModelFit rates = new ModelFit(RP, 0, 0, RD, 0, prompt, output);
        // λ = 10/s asked, but only 5/s sent, and the server kept up with those 5
        PoolSizeFit.Saturation lagging = new PoolSizeFit.Saturation(10, 5, 4.9, 400, 500, 0, 230, 0);

        PoolSizeFit fit = PoolSizeFit.of(lagging, rates, truth, Map.of());

        assertTrue(lagging.clientShort());
        assertFalse(lagging.saturated());
        assertTrue(fit.finding().startsWith("no pool saturated: throughput 4.9 req/s at λ = 10/s (the client sent "
                + "only 5/s)"), fit.finding());
        assertTrue(fit.pools().stream().allMatch(p -> p.verdict() == PoolSizeFit.Verdict.LOWER_BOUND));
    }

    @Test
    void whenBothPoolsCouldExplainItAGivenSizeSettlesIt() {
        // decode saturates at 6.96/s as above; 920-token prompts keep one prefill GPU at 6.96 x 920 / 8000 = 0.80,
        // within 2 standard errors of 1 once the fit is uncertain, so prefill could explain it too
        ServingModel truth = new ServingModel(ServingMode.DISAGG_DECODE_FIRST, 1, RP, 0, 0, 2, RD, 16, 0);
        SimulationResult top = top(truth, new TokenDistribution.Constant(920), new TokenDistribution.Constant(230),
                List.of(4.0, 10.0));
        SimulationConfig c = top.config();
        PoolSizeFit.Saturation saturation = new PoolSizeFit.Saturation(10, 10, top.throughputPerSecond(),
                top.completed(), 920, 0, 230, 0);
        ModelFit uncertain = new ModelFit(RP, 0.15 * RP, 0, RD, 0.05 * RD, c.promptTokens(), c.outputTokens());

        PoolSizeFit open = PoolSizeFit.of(saturation, uncertain, truth, Map.of());
        PoolSizeFit settled = PoolSizeFit.of(saturation, uncertain, truth, Map.of("cluster_disagg.decode_gpus", 2));

        assertEquals(PoolSizeFit.Verdict.SATURATED, pool(open, "decode").verdict());
        assertTrue(open.finding().contains("ambiguous: prefill_gpus 0.80"), open.finding());
        assertEquals(PoolSizeFit.Verdict.SATURATED, pool(settled, "decode").verdict());
        assertFalse(settled.finding().contains("ambiguous"), settled.finding());
    }
}
