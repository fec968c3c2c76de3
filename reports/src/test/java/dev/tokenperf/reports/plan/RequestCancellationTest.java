package dev.tokenperf.reports.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cancelled requests are spread evenly, so every run of 100 consecutive requests cancels the rate exactly. */
class RequestCancellationTest {

    private static long chosenAmong(RequestCancellation c, long from, long count) {
        return LongStream.range(from, from + count).filter(c::chosen).count();
    }

    @Test
    void thirtyPercentIsThirtyOfEveryHundred() {
        RequestCancellation c = new RequestCancellation(30, Duration.ofMillis(50));
        assertEquals(60, chosenAmong(c, 0, 200));
        assertEquals(30, chosenAmong(c, 17, 100), "any window of 100");
        assertEquals(3, chosenAmong(c, 0, 10));
    }

    @Test
    void edgesCancelNothingOrEverything() {
        assertEquals(0, chosenAmong(RequestCancellation.NONE, 0, 1000));
        assertEquals(1000, chosenAmong(new RequestCancellation(100, Duration.ZERO), 0, 1000));
        assertEquals(1, chosenAmong(new RequestCancellation(0.5, Duration.ZERO), 0, 200), "fractions of a percent");
    }

    @Test
    void outOfRangeValuesNameTheirFlag() {
        assertEquals("--request-cancellation-rate must be within [0, 100], got 101.0", assertThrows(
                IllegalArgumentException.class, () -> new RequestCancellation(101, Duration.ZERO)).getMessage());
        assertEquals("--request-cancellation-delay must be >= 0 seconds, got -1.0", assertThrows(
                IllegalArgumentException.class, () -> new RequestCancellation(1, Duration.ofSeconds(-1))).getMessage());
    }
}
