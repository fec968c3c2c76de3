package dev.tokenperf.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --start-at}'s wait on a scripted wall clock, and the server clock read from a {@code Date} header. */
class StartBarrierTest {
    private static final Instant AT = Instant.parse("2026-12-01T05:00:00Z");

    @Test
    @Timeout(5)
    void aStartThatHasPassedOrIsAbsentDoesNotWait() throws InterruptedException {
        Deque<Instant> clock = new ArrayDeque<>(List.of(AT.plusMillis(1)));
        new StartBarrier(clock::pop).hold(AT);
        assertTrue(clock.isEmpty(), "the clock was read once");
        new StartBarrier(() -> {
            throw new AssertionError("no start: no clock read");
        }).hold(null);
    }

    @Test
    @Timeout(5)
    void waitsAgainWhenASleepEndsBeforeTheInstant() throws InterruptedException {
        // 1 ms before, then 0.5 ms before (an early wake-up), then at the instant
        Deque<Instant> clock = new ArrayDeque<>(List.of(AT.minusMillis(1), AT.minusNanos(500_000), AT));
        new StartBarrier(clock::pop).hold(AT);
        assertTrue(clock.isEmpty(), "read until the instant was reached");
    }

    @Test
    @Timeout(5)
    void releaseEndsTheWait() throws InterruptedException {
        StartBarrier barrier = new StartBarrier(() -> AT.minusSeconds(3600));
        barrier.release();
        barrier.hold(AT);
    }

    @Test
    void theServerClockIsReadToTheSecondFromTheMiddleOfItsDateSecond() {
        String date = "Tue, 01 Dec 2026 05:00:00 GMT";
        assertEquals(0L, ServerDate.offsetSeconds(date, AT.plusMillis(400)));
        assertEquals(-2L, ServerDate.offsetSeconds(date, AT.plusMillis(2400)));
        assertEquals(3L, ServerDate.offsetSeconds(date, AT.minusMillis(2600)));
        assertNull(ServerDate.offsetSeconds(null, AT));
        assertNull(ServerDate.offsetSeconds("yesterday", AT));
    }
}
