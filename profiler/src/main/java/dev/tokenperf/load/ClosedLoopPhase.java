package dev.tokenperf.load;

import dev.tokenperf.reports.record.RecordSpill;
import io.netty.channel.EventLoopGroup;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One running closed-loop phase: the request counter its {@link ConnectionSlot}s claim from, and the slots.
 * {@link #begin} runs on the runner's thread; {@link #claim} on the slots' event loops; stopping is
 * {@link PhaseLifecycle}'s.
 */
final class ClosedLoopPhase extends PhaseLifecycle {
    private final PhaseSpec spec;
    private final AtomicLong nextIndex = new AtomicLong();
    private volatile List<ConnectionSlot> slots = List.of();

    ClosedLoopPhase(PhaseSpec spec, long originNanos, LongSupplier clock, LoadCounters counters, RecordSpill spill) {
        super(spec.warmup(), spec.stop(), spec.limits(), spec.concurrency(), originNanos, clock, counters, spill);
        this.spec = spec;
    }

    PhaseSpec spec() {
        return spec;
    }

    /** Starts the slots, spread evenly over the ramp: slot {@code i} starts at {@code i * ramp / N}. */
    void begin(List<ConnectionSlot> slots, EventLoopGroup group) {
        this.slots = List.copyOf(slots);
        markStart();
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
        if (isStopping()) {
            return -1;
        }
        long index = nextIndex.getAndIncrement();
        return spec.stop().allows(index, now() - startNanos()) ? index : -1;
    }

    @Override
    void stopRequests() {
        for (ConnectionSlot slot : slots) {
            slot.cancel();
        }
    }
}
