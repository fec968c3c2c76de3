package dev.tokenperf.serving;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The extensions in the agg pool ({@link ServingMode#AGGREGATED_POOL}) on constructed cases whose schedule
 * follows by hand from the rates, as {@link ServingExtensionsTest} does for the disaggregated pools:
 * 1000-token prompts, 5-token outputs (the prefill yields token 0, then 4 decode steps), 100 decode tokens/s
 * (10 ms steps, no batch growth), arrivals all at 0.
 */
class AggregatedPoolExtensionsTest {
    private static final long MS = 1_000_000L;

    private static ServingModel agg(int gpus, int maxBatch, ServingExtensions extensions) {
        return ServingModel.aggregatedPool(gpus, 100_000, 100, maxBatch, 0, extensions);
    }

    @Test
    void heterogeneousGpusTakeEachPromptWhereItsPrefillEndsFirst() {
        // one slot per GPU; GPU 0 at 100k tok/s: 10 ms prefill, busy 10 + 40 = 50 ms; GPU 1 at 50k: 20 ms, busy 60
        ServingPools pools = new ServingPools(agg(2, 1, new ServingExtensions(List.of(100_000.0, 50_000.0), 0,
                false)), 0);

        ServingSchedule a = pools.admit(0, 1000, 5); // prefill ends at 10 on GPU 0, 20 on GPU 1: GPU 0 (to 50)
        ServingSchedule b = pools.admit(0, 1000, 5); // 50 + 10 = 60 on GPU 0, 20 on GPU 1: GPU 1 (to 60)
        ServingSchedule c = pools.admit(0, 1000, 5); // 60 on GPU 0, 60 + 20 = 80 on GPU 1: GPU 0 (to 100)
        ServingSchedule d = pools.admit(0, 1000, 5); // 100 + 10 = 110 on GPU 0, 80 on GPU 1: GPU 1

        assertEquals(List.of(0L, 10 * MS, 10 * MS), times(a));
        assertEquals(List.of(0L, 20 * MS, 20 * MS), times(b));
        assertEquals(List.of(50 * MS, 10 * MS, 60 * MS), times(c));
        assertEquals(List.of(60 * MS, 20 * MS, 80 * MS), times(d));
        assertEquals(120 * MS, d.tokenDueNanos(4)); // 80 + 4 steps of 10 ms
    }

    @Test
    void aKvLimitOnTheGpuHoldsAdmissionUntilPromptAndOutputFit() {
        // one GPU, 8 slots; each sequence holds 1000 + 5 = 1005 tokens from its prefill's start to its last token
        ServingPools unlimited = new ServingPools(agg(1, 8, ServingExtensions.NONE), 0);
        ServingPools limited = new ServingPools(agg(1, 8, new ServingExtensions(List.of(), 1500, false)), 0);

        ServingSchedule first = limited.admit(0, 1000, 5); // starts at 0: first token 10, last token 50 ms
        unlimited.admit(0, 1000, 5);
        ServingSchedule together = unlimited.admit(0, 1000, 5);
        ServingSchedule held = limited.admit(0, 1000, 5);

        assertEquals(50 * MS, first.tokenDueNanos(4));
        assertEquals(List.of(0L, 10 * MS, 10 * MS), times(together)); // a free slot, no memory limit: at once
        assertEquals(List.of(50 * MS, 10 * MS, 60 * MS), times(held)); // 2010 > 1500 tokens: waits for 50 ms
    }

    /** Prefill queue, prefill compute and first token, from arrival. */
    private static List<Long> times(ServingSchedule s) {
        return List.of(s.prefillQueueNanos(), s.prefillComputeNanos(), s.firstTokenNanos());
    }
}
