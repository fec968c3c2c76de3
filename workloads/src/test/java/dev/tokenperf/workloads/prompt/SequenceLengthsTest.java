package dev.tokenperf.workloads.prompt;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceLengthsTest {

    @Test
    void parsesAiperfsPercentagesAndPerLengthStddevs() {
        assertEquals(List.of(new SequenceLengths.Pair(128, 64, 70), new SequenceLengths.Pair(4096, 256, 30, 400, 20)),
                SequenceLengths.parse("128,64:70; 4096|400,256|20:30"));
        assertEquals(List.of(new SequenceLengths.Pair(128, 64, 100)), SequenceLengths.parse("128,64"));
    }

    @Test
    void percentagesMustSumToOneHundred() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceLengths.parse("128,64:0.7;4096,256:0.3"));
        assertEquals("percentages sum to 1.0, not 100", e.getMessage());
    }

    @Test
    void aPairsOwnStddevReplacesTheRunsAndNoneKeepsIt() {
        Random random = new Random(7);
        SequenceLengths exact = new SequenceLengths(SequenceLengths.parse("100|0,10|0:100"), 50, 50);
        SequenceLengths spread = new SequenceLengths(SequenceLengths.parse("100|20,10:100"), 0, 0);
        Set<Integer> spreadIsls = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertArrayEquals(new int[]{100, 10}, exact.draw(random));
            int[] drawn = spread.draw(random);
            spreadIsls.add(drawn[0]);
            assertEquals(10, drawn[1], "no OSL stddev given and the run's is 0");
        }
        assertTrue(spreadIsls.size() > 10, "ISL spreads by its own stddev: " + spreadIsls);
    }

    @Test
    void rejectsMalformedEntriesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceLengths.parse("128,64:50;4096:50"));
        assertTrue(e.getMessage().contains("'4096:50'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SequenceLengths.parse("128|1|2,64"));
        assertThrows(IllegalArgumentException.class, () -> SequenceLengths.parse("128|-1,64"));
        assertThrows(IllegalArgumentException.class, () -> SequenceLengths.parse("0,64"));
        assertThrows(IllegalArgumentException.class, () -> SequenceLengths.parse("10,64:-1"));
        assertThrows(IllegalArgumentException.class, () -> SequenceLengths.parse(" ; "));
    }
}
