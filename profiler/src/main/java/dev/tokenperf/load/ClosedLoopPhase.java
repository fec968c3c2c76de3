package dev.tokenperf.load;

import dev.tokenperf.reports.record.RequestRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** The shared state of one running closed-loop phase: the request counter, the records and the slots. */
final class ClosedLoopPhase {
    private final PhaseSpec spec;
    private final long originNanos;
    private final AtomicLong nextIndex = new AtomicLong();
    private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
    private final CountDownLatch slotsDone;
    private final AtomicLong endNanos = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private volatile List<ConnectionSlot> slots = List.of();
    private volatile boolean cancelled;
    private long startNanos;

    ClosedLoopPhase(PhaseSpec spec, long originNanos) {
        this.spec = spec;
        this.originNanos = originNanos;
        this.slotsDone = new CountDownLatch(spec.concurrency());
    }

    PhaseSpec spec() {
        return spec;
    }

    long originNanos() {
        return originNanos;
    }

    void begin(List<ConnectionSlot> slots) {
        this.slots = List.copyOf(slots);
        startNanos = System.nanoTime();
        for (ConnectionSlot slot : slots) {
            slot.next();
        }
    }

    /** The index of the next request to send, or -1 when the phase has stopped issuing. */
    long claim() {
        if (cancelled) {
            return -1;
        }
        long index = nextIndex.getAndIncrement();
        return spec.stop().allows(index, System.nanoTime() - startNanos) ? index : -1;
    }

    void collect(RequestRecord record) {
        records.add(record);
        endNanos.accumulateAndGet(record.endNanos(), Math::max);
    }

    void countResend() {
        resent.incrementAndGet();
    }

    void slotDone() {
        slotsDone.countDown();
    }

    boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
        for (ConnectionSlot slot : slots) {
            slot.cancel();
        }
    }

    void awaitSlots() throws InterruptedException {
        slotsDone.await();
    }

    PhaseResult result() {
        long start = startNanos - originNanos;
        long end = Math.max(start, endNanos.get());
        return new PhaseResult(new ArrayList<>(records), start, end, cancelled, resent.get());
    }
}
