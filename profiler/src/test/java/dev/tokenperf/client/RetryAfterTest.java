package dev.tokenperf.client;

import org.junit.jupiter.api.Test;

import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {
    private static final String DATE = "Sun, 06 Nov 1994 08:49:37 GMT";
    /** 08:49:37 on that day, as the client's wall clock. */
    private static final long DATE_MILLIS = 784_111_777_000L;
    private static final LongSupplier UNREAD = () -> {
        throw new AssertionError("the wall clock is read only for a date without a Date header");
    };

    @Test
    void secondsAreReadAsBeforeWithoutAnyClock() {
        assertEquals(7_000, RetryAfter.millis("7", null, UNREAD));
        assertEquals(2_500, RetryAfter.millis(" 2.5 ", DATE, UNREAD));
        assertEquals(86_400_000, RetryAfter.millis("1e12", null, UNREAD));
        assertEquals(RetryAfter.NONE, RetryAfter.millis("-1", null, UNREAD));
        assertEquals(RetryAfter.NONE, RetryAfter.millis("soon", null, UNREAD));
        assertEquals(RetryAfter.NONE, RetryAfter.millis(null, null, UNREAD));
    }

    @Test
    void anHttpDateInEachOfItsThreeFormatsIsADelayAfterTheResponsesDate() {
        assertEquals(30_000, RetryAfter.millis("Sun, 06 Nov 1994 08:50:07 GMT", DATE, UNREAD));
        assertEquals(30_000, RetryAfter.millis("Sunday, 06-Nov-94 08:50:07 GMT", DATE, UNREAD));
        assertEquals(30_000, RetryAfter.millis("Sun Nov  6 08:50:07 1994", DATE, UNREAD));
        assertEquals(0, RetryAfter.millis("Sun, 06 Nov 1994 08:49:00 GMT", DATE, UNREAD), "a past date: no wait");
    }

    @Test
    void withoutADateHeaderTheClientsWallClockIsTheReference() {
        assertEquals(5_000, RetryAfter.millis("Sun, 06 Nov 1994 08:49:42 GMT", null, () -> DATE_MILLIS));
        assertEquals(5_000, RetryAfter.millis("Sun, 06 Nov 1994 08:49:42 GMT", "garbage", () -> DATE_MILLIS));
    }
}
