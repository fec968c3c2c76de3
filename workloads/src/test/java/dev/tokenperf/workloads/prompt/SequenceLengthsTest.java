package dev.tokenperf.workloads.prompt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceLengthsTest {

    @Test
    void parsesPairsWithAndWithoutWeights() {
        assertEquals(List.of(new SequenceLengths.Pair(128, 64, 0.7), new SequenceLengths.Pair(4096, 256, 1)),
                SequenceLengths.parse("128,64:0.7; 4096,256"));
    }

    @Test
    void rejectsMalformedEntriesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceLengths.parse("128,64:0.5;4096:1"));
        assertTrue(e.getMessage().contains("'4096:1'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SequenceLengths.parse("0,64"));
        assertThrows(IllegalArgumentException.class, () -> SequenceLengths.parse("10,64:-1"));
        assertThrows(IllegalArgumentException.class, () -> SequenceLengths.parse(" ; "));
    }
}
