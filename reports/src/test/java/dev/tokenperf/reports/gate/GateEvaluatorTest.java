package dev.tokenperf.reports.gate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateEvaluatorTest {

    private static ResultValues values(Map<String, Double> byKey) {
        return (tag, stat) -> byKey.containsKey(tag + "." + stat)
                ? OptionalDouble.of(byKey.get(tag + "." + stat)) : OptionalDouble.empty();
    }

    @Test
    void absoluteChecksCompareTheActualValue() {
        ResultValues result = values(Map.of("time_to_first_token.p99", 400.0, "output_token_throughput.avg", 900.0));
        List<GateOutcome> outcomes = GateEvaluator.evaluate(List.of(GateCheck.parse("ttft.p99<500ms"),
                GateCheck.parse("output_token_throughput>1200")), result, null);
        assertTrue(outcomes.get(0).passed());
        assertFalse(outcomes.get(1).passed());
        assertEquals(900.0, outcomes.get(1).actual());
        assertTrue(outcomes.get(1).line().startsWith("FAIL output_token_throughput>1200: actual 900.00"));
    }

    @Test
    void relativeChecksScaleTheBaseline() {
        ResultValues baseline = values(Map.of("inter_token_latency.p90", 10.0));
        GateOutcome within = GateEvaluator.evaluate(List.of(GateCheck.parse("itl.p90<+5%")),
                values(Map.of("inter_token_latency.p90", 10.4)), baseline).get(0);
        GateOutcome beyond = GateEvaluator.evaluate(List.of(GateCheck.parse("itl.p90<+5%")),
                values(Map.of("inter_token_latency.p90", 10.6)), baseline).get(0);
        assertTrue(within.passed());
        assertFalse(beyond.passed());
        assertEquals(10.5, beyond.limit(), 1e-9);
        GateOutcome delta = GateEvaluator.evaluate(List.of(GateCheck.parse("itl.p90<=+0.5ms")),
                values(Map.of("inter_token_latency.p90", 10.5)), baseline).get(0);
        assertTrue(delta.passed());
    }

    @Test
    void anAbsentMetricFails() {
        GateOutcome outcome = GateEvaluator.evaluate(List.of(GateCheck.parse("ttft.p99<500ms")),
                values(Map.of()), null).get(0);
        assertFalse(outcome.passed());
        assertTrue(outcome.line().contains("actual absent"), outcome.line());
    }

    @Test
    void relativeChecksNeedABaseline() {
        List<GateCheck> checks = List.of(GateCheck.parse("itl.p90<+5%"));
        assertThrows(GateSyntaxException.class, () -> GateEvaluator.requireBaseline(checks, false));
        GateEvaluator.requireBaseline(checks, true);
    }
}
