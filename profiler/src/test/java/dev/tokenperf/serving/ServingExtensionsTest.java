package dev.tokenperf.serving;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each switchable extension on a constructed case whose schedule follows by hand from the rates: 1000-token
 * prompts, 5-token outputs, 10 ms KV transfer, 100 decode tokens/s (10 ms steps, no batch growth), arrivals
 * all at 0.
 */
class ServingExtensionsTest {
    private static final long MS = 1_000_000L;

    private static ServingModel model(int prefillWorkers, int maxBatch, ServingExtensions extensions) {
        return new ServingModel(ServingMode.DISAGG_DECODE_FIRST, prefillWorkers, 100_000, 10 * MS, 0, 1, 100,
                maxBatch, 0, extensions);
    }

    @Test
    void heterogeneousPrefillGpusTakeEachPromptWhereItsPrefillEndsFirst() {
        // GPU 0 at 100k tok/s: 10 ms per prompt; GPU 1 at 50k: 20 ms
        ServingPools pools = new ServingPools(model(2, 8, new ServingExtensions(List.of(100_000.0, 50_000.0), 0,
                false)), 0);

        ServingSchedule first = pools.admit(0, 1000, 5);   // ends at 10 on GPU 0, 20 on GPU 1: GPU 0
        ServingSchedule second = pools.admit(0, 1000, 5);  // 20 on GPU 0 (after the first), 20 on GPU 1: tie, GPU 0
        ServingSchedule third = pools.admit(0, 1000, 5);   // 30 on GPU 0, 20 on GPU 1: GPU 1

        assertEquals(List.of(0L, 10 * MS), List.of(first.prefillQueueNanos(), first.prefillComputeNanos()));
        assertEquals(List.of(10 * MS, 10 * MS), List.of(second.prefillQueueNanos(), second.prefillComputeNanos()));
        assertEquals(List.of(0L, 20 * MS), List.of(third.prefillQueueNanos(), third.prefillComputeNanos()));
    }

    @Test
    void aKvLimitHoldsAdmissionUntilEnoughTokensAreFree() {
        // two prefill workers: both prompts reach decode at 10 + 10 = 20 ms; each sequence holds 1005 tokens
        ServingPools unlimited = new ServingPools(model(2, 8, ServingExtensions.NONE), 0);
        ServingPools limited = new ServingPools(model(2, 8, new ServingExtensions(List.of(), 1500, false)), 0);

        unlimited.admit(0, 1000, 5);
        limited.admit(0, 1000, 5); // admitted at 20, five steps: done at 70 ms
        ServingSchedule together = unlimited.admit(0, 1000, 5);
        ServingSchedule held = limited.admit(0, 1000, 5);

        assertEquals(30 * MS, together.firstTokenNanos()); // batched beside the first: 20 + one step
        assertEquals(50 * MS, held.decodeQueueNanos());     // 2010 > 1500 tokens: waits from 20 to 70 ms
        assertEquals(80 * MS, held.firstTokenNanos());      // 70 + one step
    }

    @Test
    void firstTokenPrioritySendsTheFirstStepAheadOfTheDecodeQueue() {
        // one prefill worker, one decode slot: the second prompt reaches decode at 30 ms, the slot is busy to 70
        ServingPools fifo = new ServingPools(model(1, 1, ServingExtensions.NONE), 0);
        ServingPools priority = new ServingPools(model(1, 1, new ServingExtensions(List.of(), 0, true)), 0);

        assertEquals(30 * MS, fifo.admit(0, 1000, 5).firstTokenNanos());
        ServingSchedule firstWithPriority = priority.admit(0, 1000, 5);
        ServingSchedule queued = fifo.admit(0, 1000, 5);
        ServingSchedule ahead = priority.admit(0, 1000, 5);

        assertEquals(30 * MS, firstWithPriority.firstTokenNanos());
        assertEquals(40 * MS, firstWithPriority.tokenDueNanos(1)); // the rest follows at once on a free slot
        assertEquals(80 * MS, queued.firstTokenNanos());   // FIFO: waits for the slot at 70, then one step
        assertEquals(40 * MS, ahead.firstTokenNanos());    // 30 + its own first step
        assertEquals(30 * MS, ahead.decodeQueueNanos());   // the rest waits from 40 to 70 ms
        assertEquals(80 * MS, ahead.tokenDueNanos(1));     // token 1 one step after the slot frees
    }
}
