package dev.tokenperf.cli;

import dev.tokenperf.load.LoadCounters;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {

    @Test
    void rendersDoneTotalRateErrorsElapsedAndEta() {
        StringWriter sink = new StringWriter();
        try (ProgressLine line = ProgressLine.start(new PrintWriter(sink), new LoadCounters(), 100, 0, true)) {
            assertEquals("25/100 requests, 5.0 req/s, 1 errors, 5 s elapsed, ETA 15 s",
                    line.render(25, 1, 5_000_000_000L));
        }
        assertEquals("", sink.toString(), "quiet draws nothing");
    }

    @Test
    void durationBoundsTheEta() {
        try (ProgressLine line = ProgressLine.start(new PrintWriter(new StringWriter()), new LoadCounters(), 0,
                8_000_000_000L, true)) {
            assertEquals("10 requests, 5.0 req/s, 0 errors, 2 s elapsed, ETA 6 s", line.render(10, 0, 2_000_000_000L));
        }
    }
}
