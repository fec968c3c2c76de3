package dev.tokenperf.emulator;

import java.util.Arrays;

/**
 * The emulated prefill and decode pools. Queues are simulated, not slept in: when a request arrives, its
 * prefill start is the earliest time a prefill worker is free, its decode admission the earliest time a
 * decode slot is free after its KV transfer, and the workers' busy-until times move on. Requests are served
 * FIFO in arrival order. The critical section is a few array scans, so serving threads never wait long.
 *
 * <p>With batching, a decode step's length is fixed when the sequence is admitted, from the number of
 * sequences its worker runs at that moment (an approximation: later admissions do not slow it down).
 */
final class ServingPools {
    private final ServingModel model;
    private final long[] prefillFreeAt;
    /** Per decode worker, the time each of its batch slots becomes free. */
    private final long[][] decodeSlotFreeAt;

    ServingPools(ServingModel model, long nowNanos) {
        this.model = model;
        this.prefillFreeAt = new long[model.prefillWorkers()];
        this.decodeSlotFreeAt = new long[model.decodeWorkers()][model.decodeMaxBatch()];
        Arrays.fill(prefillFreeAt, nowNanos);
        for (long[] slots : decodeSlotFreeAt) {
            Arrays.fill(slots, nowNanos);
        }
    }

    /** Books the request on both pools and returns its schedule, relative to {@code arrivalNanos}. */
    synchronized ServingSchedule admit(long arrivalNanos, int promptTokens, int outputTokens) {
        int p = 0;
        for (int i = 1; i < prefillFreeAt.length; i++) {
            if (prefillFreeAt[i] < prefillFreeAt[p]) {
                p = i;
            }
        }
        long prefillStart = Math.max(arrivalNanos, prefillFreeAt[p]);
        long prefillNanos = model.prefillNanos(promptTokens);
        long prefillEnd = prefillStart + prefillNanos;
        prefillFreeAt[p] = prefillEnd;

        long transfer = model.kvTransferNanos(promptTokens);
        long atDecode = prefillEnd + transfer;
        int worker = 0;
        int slot = 0;
        for (int w = 0; w < decodeSlotFreeAt.length; w++) {
            for (int s = 0; s < decodeSlotFreeAt[w].length; s++) {
                if (decodeSlotFreeAt[w][s] < decodeSlotFreeAt[worker][slot]) {
                    worker = w;
                    slot = s;
                }
            }
        }
        long decodeStart = Math.max(atDecode, decodeSlotFreeAt[worker][slot]);
        int batch = 1;
        for (int s = 0; s < decodeSlotFreeAt[worker].length; s++) {
            if (s != slot && decodeSlotFreeAt[worker][s] > decodeStart) {
                batch++;
            }
        }
        long step = model.decodeStepNanos(batch);
        boolean prefillFirst = model.mode() == ServingMode.DISAGG_PREFILL_FIRST;
        // prefill-first decodes tokens 1..n-1 (token j at decodeStart + j*step); decode-first decodes all n
        int decodedTokens = prefillFirst ? Math.max(0, outputTokens - 1) : outputTokens;
        decodeSlotFreeAt[worker][slot] = decodeStart + decodedTokens * step;

        long first = prefillFirst ? prefillEnd : decodeStart + step;
        long laterBase = prefillFirst ? decodeStart : decodeStart + step;
        return new ServingSchedule(model.mode(), prefillStart - arrivalNanos, prefillNanos, transfer,
                decodeStart - atDecode, step, first - arrivalNanos, laterBase - arrivalNanos);
    }
}
