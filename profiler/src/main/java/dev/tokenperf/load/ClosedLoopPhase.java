package dev.tokenperf.load;

import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import io.netty.channel.EventLoopGroup;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The shared state of one running closed-loop phase: the request counter, the records and the slots. */
final class ClosedLoopPhase {
    private final PhaseSpec spec;
    private final long originNanos;
    private final AtomicLong nextIndex = new AtomicLong();
    private final PhaseTally tally;
    private final CountDownLatch slotsDone;
    private volatile List<ConnectionSlot> slots = List.of();
    private volatile boolean cancelled;
    private volatile boolean stopped;
    private long startNanos;

    ClosedLoopPhase(PhaseSpec spec, long originNanos, LoadCounters counters, RecordSpill spill) {
        this.spec = spec;
        this.originNanos = originNanos;
        this.slotsDone = new CountDownLatch(spec.concurrency());
        this.tally = new PhaseTally(spec.warmup(), spec.limits(), counters, spill, this::cut);
    }

    PhaseSpec spec() {
        return spec;
    }

    /** Starts the slots, spread evenly over the ramp: slot {@code i} starts at {@code i * ramp / N}. */
    void begin(List<ConnectionSlot> slots, EventLoopGroup group) {
        this.slots = List.copyOf(slots);
        startNanos = System.nanoTime();
        if (spec.stop().durationNanos() > 0) {
            tally.issuingEndedAt(startNanos + spec.stop().durationNanos() - originNanos);
        }
        long ramp = spec.limits().rampNanos();
        for (int i = 0; i < slots.size(); i++) {
            ConnectionSlot slot = slots.get(i);
            long delay = ramp * i / slots.size();
            if (delay == 0) {
                slot.next();
            } else {
                group.schedule(slot::next, delay, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The index of the next request to send, or -1 when the phase has stopped issuing. */
    long claim() {
        if (cancelled || stopped) {
            return -1;
        }
        long index = nextIndex.getAndIncrement();
        long elapsed = System.nanoTime() - startNanos;
        return spec.stop().allows(index, elapsed) ? index : -1;
    }

    void collect(RequestRecord record) {
        tally.collect(record);
    }

    void countResend() {
        tally.countResend();
    }

    void slotDone() {
        slotsDone.countDown();
    }

    boolean isCancelled() {
        return cancelled || stopped;
    }

    void cancel() {
        cancelled = true;
        cancelSlots();
    }

    /** Ends the phase without marking it interrupted: in-flight requests are cut and dropped. */
    void cut() {
        stopped = true;
        tally.startCutting();
        cancelSlots();
    }

    private void cancelSlots() {
        for (ConnectionSlot slot : slots) {
            slot.cancel();
        }
    }

    /** Waits for every slot; after a duration stop, cuts what is still in flight once the grace period ends. */
    void awaitSlots() throws InterruptedException {
        long duration = spec.stop().durationNanos();
        if (duration > 0) {
            long waitNanos = startNanos + duration + spec.limits().gracePeriodNanos() - System.nanoTime();
            if (!slotsDone.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                cut();
            }
        }
        slotsDone.await();
    }

    PhaseResult result() {
        long start = startNanos - originNanos;
        long end = Math.max(start, tally.lastEndNanos());
        return new PhaseResult(tally.recorded(), tally.firstStartNanos(), tally.lastStartNanos(), start, end,
                cancelled, tally.finishedInGrace(), tally.cut(), tally.abortMessage(), tally.resent());
    }
}
