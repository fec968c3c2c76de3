package dev.tokenperf.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The client's event loops: a given count wins; the default never drops below one loop. */
class RunControlOptionsTest {

    @Test
    void givenCountWinsOverTheDefault() {
        assertEquals(3, RunControlOptions.defaultClientThreads(3, 1, 8));
        assertEquals(16, RunControlOptions.defaultClientThreads(16, 0, 2));
    }

    @Test
    void defaultIsOneLoopPerCoreTheLocalServerLeaves() {
        assertEquals(8, RunControlOptions.defaultClientThreads(null, 0, 8));
        assertEquals(7, RunControlOptions.defaultClientThreads(null, 1, 8));
        assertEquals(4, RunControlOptions.defaultClientThreads(null, 4, 8));
    }

    @Test
    void defaultKeepsOneLoopWhenTheServerTakesEveryCore() {
        assertEquals(1, RunControlOptions.defaultClientThreads(null, 2, 2));
        assertEquals(1, RunControlOptions.defaultClientThreads(null, 12, 8));
        assertEquals(1, RunControlOptions.defaultClientThreads(null, 0, 1));
    }
}
