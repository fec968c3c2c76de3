package dev.tokenperf.load;

import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.workloads.schedule.ArrivalSchedule;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One running open-loop phase. A timer task on one event loop wakes at each request's intended time,
 * computed as phase start + schedule offset (absolute, so a late wake-up never delays the requests after
 * it), hands every due request to a pooled connection's loop, and sleeps until the next one. Nothing here
 * blocks a loop: a request that finds the concurrency cap reached waits in a queue and is sent when a
 * request ends.
 *
 * <p>Threads: {@link #begin} runs on the runner's thread; the schedule ({@code tick}) on the timer loop;
 * {@link #finished} and the sends it releases on the loop of the connection whose request ended; stopping
 * is {@link PhaseLifecycle}'s.
 */
final class OpenLoopPhase extends PooledPhase {
    /** A scheduled request: its index and its absolute intended start. */
    private record Due(int index, long intendedNanos) {
    }

    private final OpenPhaseSpec spec;
    private final RequestSender sender;
    private final ArrivalSchedule schedule;
    private final EventLoop timer;
    private final int cap;
    private final Runnable tickTask = this::tick;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Due> waiting = new ConcurrentLinkedQueue<>();
    private final Set<OpenRequest> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong outstanding = new AtomicLong();
    private volatile boolean issuing = true;
    // touched only by the timer task
    private int nextIndex;
    private long nextDueNanos;

    OpenLoopPhase(OpenPhaseSpec spec, RequestSender sender, Deque<Channel> idle, SendLag sendLag, LongSupplier clock,
                  LoadCounters counters, RecordSpill spill) {
        super(spec.warmup(), spec.stop(), spec.limits(), sender, idle, sendLag, clock, counters, spill);
        this.spec = spec;
        this.sender = sender;
        this.schedule = spec.schedule();
        this.cap = spec.maxConcurrency() == 0 ? Integer.MAX_VALUE : spec.maxConcurrency();
        this.timer = client().group().next();
    }

    void begin() {
        long startNanos = markStart();
        long first = schedule.nextOffsetNanos();
        if (first < 0 || !spec.stop().allows(0, first)) {
            endIssuing();
            return;
        }
        nextDueNanos = startNanos + first;
        timer.execute(tickTask);
    }

    private void tick() {
        if (isStopping()) {
            endIssuing();
            return;
        }
        long now = now();
        while (nextDueNanos <= now) {
            if (isStopping()) {
                // a stop that arrived during an overdue burst ends it here, not after the burst
                endIssuing();
                return;
            }
            issue(new Due(nextIndex++, nextDueNanos));
            long offset = schedule.nextOffsetNanos();
            if (offset < 0 || !spec.stop().allows(nextIndex, offset)) {
                endIssuing();
                return;
            }
            nextDueNanos = startNanos() + offset;
        }
        timer.schedule(tickTask, nextDueNanos - now(), TimeUnit.NANOSECONDS);
    }

    private void issue(Due due) {
        outstanding.incrementAndGet();
        if (waiting.isEmpty() && tryReserve()) {
            send(due, due.intendedNanos());
        } else {
            waiting.add(due);
            drain();
        }
    }

    private boolean tryReserve() {
        while (true) {
            int n = inFlight.get();
            if (n >= cap) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Sends waiting requests while slots are free; safe to call from any loop. */
    private void drain() {
        while (!waiting.isEmpty() && tryReserve()) {
            Due due = waiting.poll();
            if (due == null) {
                inFlight.decrementAndGet(); // another loop took it; re-check the queue
                continue;
            }
            // it may go now: from its intended time, or from now if it waited for a free slot
            send(due, Math.max(due.intendedNanos(), now()));
        }
    }

    private void send(Due due, long readyNanos) {
        RequestPlan.Item item = spec.plan().item(due.index());
        OpenRequest request = new OpenRequest(this, sender, item, spec.requestTimeout());
        RequestTrace trace = sender.trace(due.index(), spec.warmup(), item, request);
        trace.intendedStart(due.intendedNanos());
        request.attach(trace);
        active.add(request);
        dispatch(request, readyNanos);
    }

    @Override
    void finished(OpenRequest request, RequestRecord record, Channel reusable) {
        active.remove(request);
        collect(record);
        release(reusable);
        inFlight.decrementAndGet();
        drain();
        requestDone();
    }

    private void requestDone() {
        if (outstanding.decrementAndGet() == 0 && !issuing) {
            finishedOne();
        }
    }

    private void endIssuing() {
        issuing = false;
        if (outstanding.get() == 0) {
            finishedOne();
        }
    }

    /** Ends issuing, drops the requests waiting for a free slot and cancels those in flight. */
    @Override
    void stopRequests() {
        endIssuing();
        Due due;
        while ((due = waiting.poll()) != null) {
            dropUnsent();
            requestDone();
        }
        for (OpenRequest request : active) {
            request.cancel();
        }
    }
}
