package dev.tokenperf.serving;

import java.util.Arrays;

/**
 * The prefill and decode pools of a {@link ServingModel}, with no clock of their own: the caller passes each
 * request's arrival time, so the emulator drives them with {@code System.nanoTime()} and the simulator with
 * simulated time. Queues are booked, not waited in: when a request arrives, its prefill start is the earliest
 * time a prefill worker is free, its decode admission the earliest time a decode slot is free after its KV
 * transfer, and the workers' busy-until times move on. Requests are served FIFO in arrival order, which
 * is why a request's whole schedule is known when it arrives. The critical section is a few array scans, so
 * serving threads never wait long.
 *
 * <p>With batching, a decode step's length is fixed when the sequence is admitted, from the number of
 * sequences its worker runs at that moment (an approximation: later admissions do not slow it down).
 *
 * <p>The {@link ServingExtensions} change the booking: a prompt goes to the prefill GPU on which it ends first;
 * a decode admission also waits for KV memory; with first-token priority the first decode step skips the
 * decode queue.
 *
 * <p>In {@link ServingMode#AGGREGATED_POOL} mode there is one pool, the decode workers' slots: a request
 * takes the GPU on which its prefill ends first, prefills there and then decodes there. Heterogeneous GPUs
 * and the KV limit apply to it as to the prefill and decode pools (the KV memory held from the prefill's start);
 * first-token priority does not (there is no decode queue to skip).
 */
public final class ServingPools {
    private final ServingModel model;
    private final long[] prefillFreeAt;
    /** Per decode worker, the time each of its batch slots becomes free. */
    private final long[][] decodeSlotFreeAt;
    /** Per decode worker, its KV memory; null without a KV limit. */
    private final KvLedger[] kv;

    /** Pools whose workers are all free at {@code nowNanos}. */
    public ServingPools(ServingModel model, long nowNanos) {
        this.model = model;
        this.prefillFreeAt = new long[model.prefillWorkers()];
        this.decodeSlotFreeAt = new long[model.decodeWorkers()][model.decodeMaxBatch()];
        Arrays.fill(prefillFreeAt, nowNanos);
        for (long[] slots : decodeSlotFreeAt) {
            Arrays.fill(slots, nowNanos);
        }
        long kvTokens = model.extensions().decodeKvTokensPerGpu();
        this.kv = kvTokens > 0 ? new KvLedger[model.decodeWorkers()] : null;
        for (int w = 0; kv != null && w < kv.length; w++) {
            kv[w] = new KvLedger(kvTokens);
        }
    }

    /**
     * Books the request on the pools and returns its schedule, relative to {@code arrivalNanos}. Calls must
     * come in non-decreasing arrival order.
     */
    public synchronized ServingSchedule admit(long arrivalNanos, int promptTokens, int outputTokens) {
        if (model.mode() == ServingMode.AGGREGATED_POOL) {
            return admitAggregated(arrivalNanos, promptTokens, outputTokens);
        }
        int p = fastestPrefill(arrivalNanos, promptTokens);
        long prefillStart = Math.max(arrivalNanos, prefillFreeAt[p]);
        long prefillNanos = model.prefillNanos(promptTokens, p);
        long prefillEnd = prefillStart + prefillNanos;
        prefillFreeAt[p] = prefillEnd;

        long transfer = model.kvTransferNanos(promptTokens);
        long atDecode = prefillEnd + transfer;
        boolean prefillFirst = model.mode() == ServingMode.DISAGG_PREFILL_FIRST;
        // with first-token priority the first step runs alone on arrival at decode, before any queue
        boolean priority = model.extensions().firstTokenPriority() && !prefillFirst;
        long priorityFirst = priority ? atDecode + model.decodeStepNanos(1) : 0;
        long ready = priority ? priorityFirst : atDecode;
        long need = (long) promptTokens + outputTokens;
        int worker = kv == null ? earliestDecodeSlot() / model.decodeMaxBatch()
                : earliestDecodeAdmission(arrivalNanos, ready, need);
        int slot = earliestSlot(worker);
        long decodeStart = admissionAt(worker, slot, arrivalNanos, ready, need);
        long step = model.decodeStepNanos(batchAt(worker, slot, decodeStart));
        // prefill-first decodes tokens 1..n-1 (token j at decodeStart + j*step); decode-first decodes all n;
        // with priority the first of them is already done
        int steps = model.decodedTokens(outputTokens) - (priority ? 1 : 0);
        long end = decodeStart + steps * step;
        decodeSlotFreeAt[worker][slot] = end;
        if (kv != null) {
            kv[worker].book(end, need);
        }

        if (priority) {
            return new ServingSchedule(model.mode(), prefillStart - arrivalNanos, prefillNanos, transfer,
                    decodeStart - ready, step, priorityFirst - arrivalNanos, decodeStart - arrivalNanos);
        }
        long first = prefillFirst ? prefillEnd : decodeStart + step;
        long laterBase = prefillFirst ? decodeStart : decodeStart + step;
        return new ServingSchedule(model.mode(), prefillStart - arrivalNanos, prefillNanos, transfer,
                decodeStart - atDecode, step, first - arrivalNanos, laterBase - arrivalNanos);
    }

    /** The prefill worker on which the prompt's prefill ends first (the lowest index on ties). */
    private int fastestPrefill(long arrivalNanos, int promptTokens) {
        int best = 0;
        long bestEnd = Long.MAX_VALUE;
        for (int i = 0; i < prefillFreeAt.length; i++) {
            long end = Math.max(arrivalNanos, prefillFreeAt[i]) + model.prefillNanos(promptTokens, i);
            if (end < bestEnd) {
                best = i;
                bestEnd = end;
            }
        }
        return best;
    }

    /** The decode worker that can admit the sequence first (the lowest index on ties). */
    private int earliestDecodeAdmission(long now, long ready, long need) {
        int best = 0;
        long bestAt = Long.MAX_VALUE;
        for (int w = 0; w < decodeSlotFreeAt.length; w++) {
            long at = admissionAt(w, earliestSlot(w), now, ready, need);
            if (at < bestAt) {
                best = w;
                bestAt = at;
            }
        }
        return best;
    }

    /** When the worker's slot, and with a KV limit its memory, can take the sequence. */
    private long admissionAt(int worker, int slot, long now, long ready, long need) {
        long at = Math.max(ready, decodeSlotFreeAt[worker][slot]);
        return kv == null ? at : kv[worker].admission(now, at, need);
    }

    /** The worker's slot that frees first (the lowest on ties). */
    private int earliestSlot(int worker) {
        long[] slots = decodeSlotFreeAt[worker];
        int best = 0;
        for (int s = 1; s < slots.length; s++) {
            if (slots[s] < slots[best]) {
                best = s;
            }
        }
        return best;
    }

    /**
     * One pool: the request takes the GPU on which its prefill ends first (with heterogeneous GPUs, their own
     * rates; with a KV limit, once its prompt + output tokens fit), prefills there and decodes there. Ties go to
     * the slot free longest, then the lowest GPU, so without extensions it is simply the earliest free slot.
     */
    private ServingSchedule admitAggregated(long arrivalNanos, int promptTokens, int outputTokens) {
        long need = (long) promptTokens + outputTokens;
        int worker = 0;
        int slot = 0;
        long start = Long.MAX_VALUE;
        long prefillEnd = Long.MAX_VALUE;
        for (int w = 0; w < decodeSlotFreeAt.length; w++) {
            int s = earliestSlot(w);
            long at = admissionAt(w, s, arrivalNanos, arrivalNanos, need);
            long end = at + model.prefillNanos(promptTokens, w);
            if (end < prefillEnd || end == prefillEnd && decodeSlotFreeAt[w][s] < decodeSlotFreeAt[worker][slot]) {
                worker = w;
                slot = s;
                start = at;
                prefillEnd = end;
            }
        }
        long step = model.decodeStepNanos(batchAt(worker, slot, start));
        // the prefill yields token 0; tokens 1..n-1 follow one step apart on the same GPU
        long end = prefillEnd + model.decodedTokens(outputTokens) * step;
        decodeSlotFreeAt[worker][slot] = end;
        if (kv != null) {
            kv[worker].book(end, need);
        }
        return new ServingSchedule(model.mode(), start - arrivalNanos, prefillEnd - start, 0, 0, step,
                prefillEnd - arrivalNanos, prefillEnd - arrivalNanos);
    }

    /** {@code worker * maxBatch + slot} of the decode slot that frees first (the lowest on ties). */
    private int earliestDecodeSlot() {
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
        return worker * model.decodeMaxBatch() + slot;
    }

    /** The sequences the slot's worker runs at {@code start}, counting the one admitted to the slot. */
    private int batchAt(int worker, int slot, long start) {
        long[] slots = decodeSlotFreeAt[worker];
        int batch = 1;
        for (int s = 0; s < slots.length; s++) {
            if (s != slot && slots[s] > start) {
                batch++;
            }
        }
        return batch;
    }
}
