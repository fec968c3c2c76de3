package dev.tokenperf.reports.metrics;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KneeFinderTest {

    @Test
    void kneeIsTheLastLoadBeforeLatencyJumpsWhileThroughputIsFlat() {
        double[] ttftP90 = {20, 22, 30, 80, 300};
        double[] throughput = {100, 390, 1400, 1480, 1490};
        // 30 -> 80 is a 2.7x rise while throughput gains 5.7 %: knee at index 2
        assertEquals(OptionalInt.of(2), KneeFinder.find(ttftP90, throughput));
    }

    @Test
    void latencyRiseWithGrowingThroughputIsNotAKnee() {
        assertEquals(OptionalInt.empty(), KneeFinder.find(new double[] {10, 20, 40}, new double[] {100, 200, 400}));
    }

    @Test
    void flatThroughputWithoutALatencyRiseIsNotAKnee() {
        assertEquals(OptionalInt.empty(), KneeFinder.find(new double[] {10, 12, 14}, new double[] {100, 101, 102}));
    }
}
