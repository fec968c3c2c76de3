package dev.tokenperf.reports.gate;

import dev.tokenperf.reports.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateCheckTest {

    @Test
    void parsesAliasStatOperatorAndMilliseconds() {
        GateCheck check = GateCheck.parse("ttft.p99<500ms");
        assertSame(MetricRegistry.TIME_TO_FIRST_TOKEN, check.metric());
        assertEquals("p99", check.stat());
        assertEquals(GateCheck.Op.LT, check.op());
        assertEquals(500, check.threshold());
        assertFalse(check.relative());
    }

    @Test
    void goodputIsLookedUpInTheRegistryLikeEveryMetric() {
        assertSame(MetricRegistry.GOODPUT, GateCheck.parse("goodput>=1.5").metric());
        assertSame(MetricRegistry.GOOD_REQUEST_COUNT, GateCheck.parse("good_request_count>=3").metric());
        assertEquals("avg", GateCheck.parse("goodput>=1.5").stat());
        assertThrows(GateSyntaxException.class, () -> GateCheck.parse("goodput.p99>1"));
    }

    @Test
    void secondsConvertToTheMetricsMilliseconds() {
        assertEquals(1500, GateCheck.parse("latency.p99.9 <= 1.5s").threshold(), 1e-9);
        assertEquals("p99.9", GateCheck.parse("latency.p99.9 <= 1.5s").stat());
    }

    @Test
    void runLevelMetricTakesNoStatistic() {
        GateCheck check = GateCheck.parse("output_token_throughput>1200");
        assertSame(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT, check.metric());
        assertEquals("avg", check.stat());
        assertEquals(GateCheck.Op.GT, check.op());
    }

    @Test
    void signedValuesAndPercentagesAreRelative() {
        GateCheck percent = GateCheck.parse("itl.p90<+5%");
        assertEquals(GateCheck.Mode.PERCENT, percent.mode());
        assertEquals(5, percent.threshold());
        GateCheck delta = GateCheck.parse("tps_user.avg>=-10");
        assertEquals(GateCheck.Mode.DELTA, delta.mode());
        assertEquals(-10, delta.threshold());
        assertTrue(delta.relative());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ttft", "ttft.p99", "ttft.p99 = 5", "ttft.p42<5", "nosuch.p99<5",
            "output_token_throughput.p99>5", "itl<5", "output_sequence_length.p99<5ms", "ttft.p99<5 minutes"})
    void rejectsBadChecks(String text) {
        GateSyntaxException e = assertThrows(GateSyntaxException.class, () -> GateCheck.parse(text));
        assertTrue(e.getMessage().startsWith("gate '"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
