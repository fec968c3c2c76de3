package dev.tokenperf.warmup;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileQueueDrainTest {
    private static final long MS = 1_000_000;

    /** A compile total scripted per poll, and a clock that each sleep advances by exactly the poll period. */
    private static final class Script {
        final AtomicLong clock = new AtomicLong();
        final AtomicInteger reads = new AtomicInteger();
        final long[] totals;

        Script(long... totals) {
            this.totals = totals;
        }

        long compileMillis() {
            int i = reads.getAndIncrement();
            return totals[Math.min(i, totals.length - 1)];
        }

        CompileQueueDrain drain() {
            return new CompileQueueDrain(this::compileMillis, clock::get, ms -> clock.addAndGet(ms * MS), 40, 2);
        }
    }

    @Test
    void drainsOnceTheTotalStandsStillForTheQuietPolls() throws InterruptedException {
        Script script = new Script(100, 130, 150, 150, 150, 999);

        CompileQueueDrain.Outcome outcome = script.drain().await(1000 * MS);

        assertTrue(outcome.drained());
        assertEquals(50L, outcome.compileMillis());
        assertEquals(4 * 40 * MS, outcome.waitedNanos());
    }

    @Test
    void givesUpAtTheBoundWhileTheCompilerIsStillBusy() throws InterruptedException {
        Script script = new Script(0, 10, 20, 30, 40, 50, 60, 70);

        CompileQueueDrain.Outcome outcome = script.drain().await(120 * MS);

        assertFalse(outcome.drained());
        assertEquals(120 * MS, outcome.waitedNanos());
        assertEquals(30L, outcome.compileMillis());
    }

    @Test
    void aTotalThatMovesAgainRestartsTheQuietCount() throws InterruptedException {
        Script script = new Script(5, 5, 6, 6, 6);

        CompileQueueDrain.Outcome outcome = script.drain().await(1000 * MS);

        assertTrue(outcome.drained());
        assertEquals(4 * 40 * MS, outcome.waitedNanos());
    }
}
