package dev.tokenperf.reports.record;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientJitTest {

    private static ClientHealth health(ClientJit jit) {
        return new ClientHealth("concurrency", Double.NaN, 10, false, 0, 0.1, 0.1, 0.2, 0, 0, 4, 1.0, jit);
    }

    @Test
    void compilationAboveFivePercentOfTheWindowMakesTheResultClientLimited() {
        ClientHealth h = health(new ClientJit(800, 600, 51, 1000, 400));

        assertEquals(List.of("JIT compiled 51 ms in the 1000 ms measured window (> 5%)"), h.limitReasons());
        assertTrue(h.describe().contains("JIT 51 ms in window (warmup 0.80 s) -> CLIENT-LIMITED"));
    }

    @Test
    void compilationAtTheLimitIsNotHeldAgainstTheClient() {
        assertFalse(health(new ClientJit(Double.NaN, Double.NaN, 50, 1000, 400)).clientLimited());
    }

    @Test
    void exportsItsFieldsAndNullForAWarmupThatDidNotRun() {
        Map<String, Object> m = health(new ClientJit(Double.NaN, Double.NaN, 3, 1000, Double.NaN)).asExportMap();

        assertNull(m.get("client_warmup_ms"));
        assertTrue(m.containsKey("client_warmup_ms"));
        assertEquals(3.0, m.get("measured_compile_ms"));
        assertEquals(1000.0, m.get("measured_window_ms"));
        assertNull(m.get("measured_cpu_ms"));
        assertTrue(m.containsKey("measured_cpu_ms"));
    }

    @Test
    void anUnmeasuredJitAddsNothing() {
        ClientHealth h = new ClientHealth("concurrency", Double.NaN, 10, false, 0, 0.1, 0.1, 0.2, 0, 0, 4, 1.0);

        assertFalse(h.asExportMap().containsKey("measured_compile_ms"));
        assertTrue(h.describe().endsWith("connections max 4 -> ok"));
    }
}
