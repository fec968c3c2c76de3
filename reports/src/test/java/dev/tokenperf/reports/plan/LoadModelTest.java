package dev.tokenperf.reports.plan;

import dev.tokenperf.workloads.schedule.ArrivalPattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each load model owns what {@code --concurrency} means for it, and the rules of its own flags. */
class LoadModelTest {

    private static LoadModel.OpenLoop rate(double rate, int concurrency, boolean capped) {
        return new LoadModel.OpenLoop(rate, ArrivalPattern.POISSON, 1, 7, 0, new InFlightCap(concurrency, capped));
    }

    @Test
    void aClosedLoopHasOneRequestInFlightPerConnection() {
        LoadModel closed = new LoadModel.ClosedLoop(8, 0);
        assertEquals(8, closed.concurrency());
        assertEquals(8, closed.maxInFlight());
        assertFalse(closed.openLoop());
        assertFalse(closed.concurrencyCapped());
        assertEquals(80, closed.defaultRequestCount());
        assertEquals("concurrency", closed.mode());
    }

    @Test
    void anOpenLoopIsCappedOnlyWhenConcurrencyWasGiven() {
        LoadModel uncapped = rate(5, 1, false);
        assertEquals(0, uncapped.maxInFlight());
        assertFalse(uncapped.concurrencyCapped());
        assertEquals(1, uncapped.concurrency());
        LoadModel capped = rate(5, 4, true);
        assertEquals(4, capped.maxInFlight());
        assertTrue(capped.concurrencyCapped());
        assertEquals("request_rate", capped.mode());
    }

    @Test
    void aSweepPointKeepsTheCapSemantics() {
        LoadModel point = rate(5, 4, true).withConcurrency(16);
        assertEquals(16, point.maxInFlight());
        assertEquals(0, rate(5, 4, false).withConcurrency(16).maxInFlight());
        assertEquals(16, new LoadModel.ClosedLoop(4, 2).withConcurrency(16).maxInFlight());
        LoadModel.OpenLoop faster = rate(5, 4, true).withRate(9);
        assertEquals(9, faster.rate());
        assertEquals(4, faster.maxInFlight());
    }

    @Test
    void aTraceReplayIsCappedLikeAnOpenLoopAndDefaultsToTheWholeTrace() {
        LoadModel trace = new LoadModel.TraceReplay(12, 2, new InFlightCap(3, true));
        assertEquals(3, trace.maxInFlight());
        assertTrue(trace.openLoop());
        assertEquals(12, trace.defaultRequestCount());
        assertEquals("fixed_schedule", trace.mode());
        assertEquals(0, new LoadModel.TraceReplay(12, 2, new InFlightCap(3, false)).maxInFlight());
    }

    @Test
    void anOpenLoopDefaultsToTenSecondsOfLoadAndAtLeastTenRequests() {
        assertEquals(25, rate(2.5, 1, false).defaultRequestCount());
        assertEquals(10, rate(0.1, 1, false).defaultRequestCount());
    }

    @Test
    void badValuesNameTheirFlag() {
        assertMessage("--concurrency must be >= 1, got 0", () -> new LoadModel.ClosedLoop(0, 0));
        assertMessage("--concurrency must be >= 1, got 0", () -> new InFlightCap(0, true));
        assertMessage("--concurrency-ramp-duration must be between 0 and 2592000 seconds, got -1",
                () -> new LoadModel.ClosedLoop(1, -1));
        assertMessage("--request-rate must be > 0 and at most 1000000 requests/s, got 0", () -> rate(0, 1, false));
        assertMessage("--request-rate must be > 0 and at most 1000000 requests/s, got Infinity",
                () -> rate(Double.POSITIVE_INFINITY, 1, false));
        assertMessage("--arrival-smoothness must be > 0 and at most 1000000, got -1", () -> new LoadModel.OpenLoop(1,
                ArrivalPattern.GAMMA, -1, 0, 0, new InFlightCap(1, false)));
        assertMessage("--request-rate-ramp-duration must be between 0 and 2592000 seconds, got -2", () -> new LoadModel.OpenLoop(1,
                ArrivalPattern.GAMMA, 1, 0, -2, new InFlightCap(1, false)));
        assertMessage("--fixed-schedule-speedup must be > 0 and at most 1000000, got 0",
                () -> new LoadModel.TraceReplay(3, 0, new InFlightCap(1, false)));
    }

    @Test
    void stopConditionsFollowTheFlagsAndTheLoad() {
        LoadModel closed = new LoadModel.ClosedLoop(4, 0);
        StopConditions defaults = StopConditions.of(null, null, 30, null, null, closed);
        assertEquals(new StopConditions(40, 0, 30_000_000_000L, 0), defaults);
        StopConditions timed = StopConditions.of(null, 2.5, 0.5, 3L, null, closed);
        assertEquals(new StopConditions(0, 2_500_000_000L, 500_000_000L, 3), timed);
        assertEquals(7, StopConditions.of(7, 2.5, 30, null, null, closed).requestCount());
        assertMessage("--request-count must be >= 1, got 0", () -> StopConditions.of(0, null, 30, null, null, closed));
        assertMessage("--benchmark-duration must be > 0 and at most 2592000 seconds, got 0",
                () -> StopConditions.of(null, 0.0, 30, null, null, closed));
        assertMessage("--benchmark-grace-period must be between 0 and 2592000 seconds, got -1",
                () -> StopConditions.of(null, null, -1, null, null, closed));
        assertMessage("--failed-request-count-threshold must be >= 1, got 0",
                () -> StopConditions.of(null, null, 30, 0L, null, closed));
        assertMessage("--failed-request-threshold must be a ratio in (0, 1), got 3.0",
                () -> StopConditions.of(null, null, 30, null, 3.0, closed));
        assertEquals(0.1, StopConditions.of(null, null, 30, null, 0.1, closed).failedRequestRatio());
        assertMessage("--warmup-duration must be > 0 and at most 2592000 seconds, got 0", () -> Warmup.of(0, 0.0));
        assertMessage("--warmup-request-count must be >= 0, got -1", () -> Warmup.of(-1, null));
        assertMessage("--client-threads must be >= 1, got 0", () -> new ClientSettings(0, 1));
        assertMessage("--max-client-lag-ms must be > 0 and at most 3600000 ms, got 0", () -> new ClientSettings(1, 0));
        assertMessage("--isl must be between 1 and 10000000 tokens, got 0", () -> Workload.fixed(0, 5, 0));
        assertMessage("--osl must be between 1 and 10000000 tokens, got 0", () -> Workload.fixed(5, 0, 0));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }
}
