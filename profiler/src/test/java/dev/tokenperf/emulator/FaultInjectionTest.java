package dev.tokenperf.emulator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FaultInjectionTest {

    @Test
    void theRateIsSpreadEvenlyAndTheTypesTakeTurns() {
        FaultInjection faults = new FaultInjection(50, List.of(InjectedFault.RATE_LIMIT, InjectedFault.RESET_MID_STREAM));
        List<InjectedFault> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seen.add(faults.next());
        }
        assertEquals(java.util.Arrays.asList(null, InjectedFault.RATE_LIMIT, null, InjectedFault.RESET_MID_STREAM,
                null, InjectedFault.RATE_LIMIT), seen);
        assertEquals(Map.of(InjectedFault.RATE_LIMIT, 2L, InjectedFault.RESET_MID_STREAM, 1L), faults.injected());
        assertEquals(6, faults.requests());
    }

    @Test
    void aThirdOfTheRequestsFailAtThirtyThreePointThreePercent() {
        FaultInjection faults = new FaultInjection(100.0 / 3, List.of(InjectedFault.SERVER_ERROR));
        int failed = 0;
        for (int i = 0; i < 300; i++) {
            failed += faults.next() == null ? 0 : 1;
        }
        assertEquals(100, failed);
    }

    @Test
    void noInjectionStillCountsRequestsAndABadRateOrNameIsRefused() {
        FaultInjection none = FaultInjection.NONE;
        long before = none.requests();
        assertEquals(null, new FaultInjection(0, List.of()).next());
        assertEquals(before, none.requests());
        assertThrows(IllegalArgumentException.class, () -> new FaultInjection(101, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new FaultInjection(Double.NaN, List.of()));
        assertEquals("unknown failure type 'bogus'; one of rate_limit, invalid_api_key, context_length, "
                        + "server_error, invalid_request, model_not_found, reset_before_headers, reset_mid_stream, "
                        + "malformed_chunk, error_event, stall_mid_stream, slow_headers, oversize_event, invalid_utf8",
                assertThrows(IllegalArgumentException.class, () -> InjectedFault.parse("bogus")).getMessage());
    }
}
