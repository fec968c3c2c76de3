package dev.tokenperf.reports.record;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientHealthTest {

    private static ClientHealth health(String mode, boolean capped, double scheduleLag, double sendLag, double loopLag) {
        return new ClientHealth(mode, 10, 9.9, capped, scheduleLag, sendLag, loopLag, loopLag, 0, 0, 4, 1.0);
    }

    @Test
    void withinBudgetIsOk() {
        ClientHealth h = health("request_rate", false, 0.5, 0.2, 0.3);
        assertFalse(h.clientLimited());
        assertEquals("ok", h.asExportMap().get("status"));
    }

    @Test
    void uncappedScheduleLagOverBudgetIsClientLimited() {
        ClientHealth h = health("request_rate", false, 3, 0.2, 0.3);
        assertEquals(List.of("schedule lag p99 3.000 ms > budget 1.000 ms"), h.limitReasons());
        assertEquals("client-limited", h.asExportMap().get("status"));
        assertTrue(h.describe().contains("CLIENT-LIMITED"));
    }

    @Test
    void cappedScheduleLagIsTheServersAndNotHeldAgainstTheClient() {
        assertFalse(health("request_rate", true, 2000, 0.2, 0.3).clientLimited());
    }

    @Test
    void eventLoopAndSendLagCountInEveryMode() {
        assertEquals(2, health("concurrency", false, 0, 5, 7).limitReasons().size());
    }
}
