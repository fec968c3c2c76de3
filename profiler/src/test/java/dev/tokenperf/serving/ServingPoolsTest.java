package dev.tokenperf.serving;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServingPoolsTest {
    private static final long MS = 1_000_000L;

    /** 1000 prompt tokens at 100k tokens/s = 10 ms prefill; 10 ms transfer; 100 tokens/s = 10 ms steps. */
    private static ServingModel model(ServingMode mode, int prefillWorkers, int decodeWorkers, int maxBatch,
                                      double growth) {
        return new ServingModel(mode, prefillWorkers, 100_000, 10 * MS, 0, decodeWorkers, 100, maxBatch, growth);
    }

    @Test
    void prefillFirstSendsTheFirstTokenAtPrefillEndAndTheSecondAfterTransferAndOneStep() {
        ServingPools pools = new ServingPools(model(ServingMode.DISAGG_PREFILL_FIRST, 1, 1, 8, 0), 0);

        ServingSchedule s = pools.admit(0, 1000, 5);

        assertEquals(0, s.prefillQueueNanos());
        assertEquals(10 * MS, s.prefillComputeNanos());
        assertEquals(10 * MS, s.tokenDueNanos(0));
        assertEquals(30 * MS, s.tokenDueNanos(1)); // prefill 10 + transfer 10 + one step 10
        assertEquals(10 * MS, s.tokenDueNanos(2) - s.tokenDueNanos(1));
    }

    @Test
    void decodeFirstPutsTheTransferAndTheFirstStepInsideTtft() {
        ServingPools pools = new ServingPools(model(ServingMode.DISAGG_DECODE_FIRST, 1, 1, 8, 0), 0);

        ServingSchedule s = pools.admit(0, 1000, 5);

        assertEquals(30 * MS, s.tokenDueNanos(0));
        assertEquals(10 * MS, s.tokenDueNanos(1) - s.tokenDueNanos(0)); // TTST equals the steady gap
        assertEquals(s.prefillQueueNanos() + s.prefillComputeNanos() + s.kvTransferNanos() + s.decodeQueueNanos()
                + s.stepNanos(), s.firstTokenNanos());
    }

    @Test
    void simultaneousArrivalsQueueFifoForTheOnlyPrefillWorker() {
        ServingPools pools = new ServingPools(model(ServingMode.DISAGG_PREFILL_FIRST, 1, 1, 8, 0), 0);

        ServingSchedule first = pools.admit(0, 1000, 5);
        ServingSchedule second = pools.admit(0, 1000, 5);
        ServingSchedule third = pools.admit(5 * MS, 1000, 5);

        assertEquals(0, first.prefillQueueNanos());
        assertEquals(10 * MS, second.prefillQueueNanos());
        assertEquals(15 * MS, third.prefillQueueNanos()); // the worker is free at 20 ms; it arrived at 5 ms
    }

    @Test
    void twoPrefillWorkersServeTwoArrivalsAtOnce() {
        ServingPools pools = new ServingPools(model(ServingMode.DISAGG_PREFILL_FIRST, 2, 1, 8, 0), 0);

        pools.admit(0, 1000, 5);
        assertEquals(0, pools.admit(0, 1000, 5).prefillQueueNanos());
        assertEquals(10 * MS, pools.admit(0, 1000, 5).prefillQueueNanos());
    }

    @Test
    void anUnbatchedDecodeWorkerMakesTheNextSequenceWait() {
        ServingPools pools = new ServingPools(model(ServingMode.DISAGG_DECODE_FIRST, 2, 1, 1, 0), 0);

        ServingSchedule first = pools.admit(0, 1000, 5); // decodes 20..70 ms
        ServingSchedule second = pools.admit(0, 1000, 5); // reaches decode at 20 ms too

        assertEquals(0, first.decodeQueueNanos());
        assertEquals(50 * MS, second.decodeQueueNanos());
        assertEquals(first.tokenDueNanos(4) + 10 * MS, second.tokenDueNanos(0));
    }

    @Test
    void batchedDecodeStepsGrowWithTheBatch() {
        ServingPools pools = new ServingPools(model(ServingMode.DISAGG_DECODE_FIRST, 4, 1, 8, 0.5), 0);

        long alone = pools.admit(0, 1000, 50).stepNanos();
        long second = pools.admit(0, 1000, 50).stepNanos();
        long third = pools.admit(0, 1000, 50).stepNanos();

        assertEquals(10 * MS, alone);
        assertEquals(15 * MS, second); // 1 + 0.5 * (2 - 1)
        assertEquals(20 * MS, third);
        assertTrue(pools.admit(0, 1000, 50).decodeQueueNanos() == 0);
    }

    @Test
    void theTruthJsonCarriesEveryStage() {
        ServingSchedule s = new ServingPools(model(ServingMode.DISAGG_DECODE_FIRST, 1, 1, 1, 0), 0)
                .admit(0, 1000, 5);
        String json = s.toJson();
        for (String key : new String[] {"prefill_queue_time_ms", "prefill_compute_time_ms", "kv_transfer_time_ms",
                "decode_queue_time_ms", "decode_step_time_ms", "first_token_time_ms"}) {
            assertTrue(json.contains("\"" + key + "\":"), json);
        }
        assertTrue(json.contains("\"first_token_time_ms\":30.0"), json);
    }

    @Test
    void aggregatedPoolPrefillsAndDecodesOnOneGpuAndQueuesTheNextRequestBehindBoth() {
        ServingModel model = ServingModel.aggregatedPool(1, 100_000, 100, 1, 0);
        ServingPools pools = new ServingPools(model, 0);

        ServingSchedule a = pools.admit(0, 1000, 5);
        ServingSchedule b = pools.admit(5 * MS, 1000, 5);

        assertEquals(10 * MS, a.tokenDueNanos(0)); // prefill yields the first token
        assertEquals(50 * MS, a.tokenDueNanos(4)); // then 4 steps of 10 ms on the same GPU
        assertEquals(10 * MS, a.decodeStartNanos());
        assertEquals(45 * MS, b.prefillQueueNanos()); // waits for a's last token at 50 ms
        assertEquals(55 * MS, b.firstTokenNanos());
    }

    @Test
    void aggregatedPoolUsesEveryGpu() {
        ServingPools pools = new ServingPools(ServingModel.aggregatedPool(2, 100_000, 100, 1, 0), 0);

        pools.admit(0, 1000, 5);
        ServingSchedule second = pools.admit(0, 1000, 5);
        ServingSchedule third = pools.admit(0, 1000, 5);

        assertEquals(0, second.prefillQueueNanos());
        assertEquals(50 * MS, third.prefillQueueNanos());
    }
}
