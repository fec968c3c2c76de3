package dev.tokenperf.health;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventLoopLagProbeTest {

    @Test
    void anIdleLoopIsProbedLessAndLessOftenUpToTheIdlePeriod() {
        long period = EventLoopLagProbe.BUSY_PERIOD_MICROS;
        long[] seen = new long[8];
        for (int i = 0; i < seen.length; i++) {
            period = EventLoopLagProbe.nextPeriodMicros(period, false);
            seen[i] = period;
        }
        assertEquals(10_000, seen[0]);
        assertEquals(20_000, seen[1]);
        assertEquals(320_000, seen[5]);
        assertEquals(EventLoopLagProbe.IDLE_PERIOD_MICROS, seen[7]);
    }

    @Test
    void activityBringsTheBusyPeriodBackAtOnce() {
        assertEquals(EventLoopLagProbe.BUSY_PERIOD_MICROS,
                EventLoopLagProbe.nextPeriodMicros(EventLoopLagProbe.IDLE_PERIOD_MICROS, true));
        assertEquals(EventLoopLagProbe.BUSY_PERIOD_MICROS,
                EventLoopLagProbe.nextPeriodMicros(EventLoopLagProbe.BUSY_PERIOD_MICROS, true));
    }
}
