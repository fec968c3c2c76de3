package dev.tokenperf.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The client's event loops: a given count wins; the default never drops below one loop. */
class RunControlOptionsTest {

    @Test
    void givenCountWinsOverTheDefault() {
        assertEquals(3, RunControlOptions.defaultClientThreads(3, 1));
    }

    @Test
    void defaultLeavesTheLocalServerItsCoresButKeepsOneLoop() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, RunControlOptions.defaultClientThreads(null, 0));
        assertEquals(Math.max(1, cores - 1), RunControlOptions.defaultClientThreads(null, 1));
        assertEquals(1, RunControlOptions.defaultClientThreads(null, cores + 4));
    }
}
