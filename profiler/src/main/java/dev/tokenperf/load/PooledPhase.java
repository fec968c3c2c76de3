package dev.tokenperf.load;

import dev.tokenperf.client.NettyClient;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.workloads.schedule.ArrivalSchedule;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A phase of scheduled units (open-loop requests, or sessions) whose requests ({@link OpenRequest}s) borrow
 * connections to their server from the pools the driver's phases share: an idle one is reused, a new one is
 * opened when none is idle, and one that may be reused goes back when its request ends.
 *
 * <p>Units are issued by an {@link ArrivalSchedule}: a timer task on one event loop wakes at each unit's intended
 * time, computed as phase start + schedule offset (absolute, so a late wake-up never delays the units after it),
 * and {@link #start}s every due unit, and sleeps until the next one. Nothing here blocks a loop: a unit that finds
 * the cap reached waits in a queue and starts when a unit ends ({@link #unitDone}). The phase ends when issuing
 * has ended and every issued unit is done.
 *
 * <p>Threads: {@link #beginSchedule} runs on the runner's thread; the schedule ({@code tick}) on the timer loop;
 * {@link #dispatch} on whichever loop plans the request; {@link #release}, {@link #finished} and the starts a
 * finished unit releases on the loop of the connection whose request ended.
 */
abstract class PooledPhase extends PhaseLifecycle {
    /** A scheduled unit: its index and its absolute intended start. */
    private record Due(int index, long intendedNanos) {
    }

    private final NettyClient client;
    private final IdlePools idle;
    private final SendLag sendLag;
    private final EventLoop timer;
    private final int cap;
    private final Runnable tickTask = this::tick;
    private final AtomicInteger inUse = new AtomicInteger();
    private final ConcurrentLinkedQueue<Due> waiting = new ConcurrentLinkedQueue<>();
    /** Units issued and not yet done. */
    private final AtomicLong outstanding = new AtomicLong();
    private volatile boolean issuing = true;
    // touched only by the timer task
    private ArrivalSchedule schedule;
    private int nextIndex;
    private long nextDueNanos;

    /** @param maxUnits units in progress at most, or 0 for no cap */
    PooledPhase(boolean warmup, StopCondition stop, PhaseLimits limits, RequestSender sender, IdlePools idle,
                SendLag sendLag, int maxUnits, LongSupplier clock, LoadCounters counters, RecordSpill spill) {
        super(warmup, stop, limits, 1, sender.originNanos(), clock, counters, spill);
        this.client = sender.client();
        this.idle = idle;
        this.sendLag = sendLag;
        this.cap = maxUnits == 0 ? Integer.MAX_VALUE : maxUnits;
        this.timer = client.group().next();
    }

    /**
     * Starts unit {@code index}, its slot under the cap reserved.
     *
     * @param intendedNanos when the schedule meant it to start
     * @param readyNanos    when it could start at the earliest: its intended time, or now if it waited for a slot
     */
    abstract void start(int index, long intendedNanos, long readyNanos);

    /** The loop the schedule runs on; subclasses time their own follow-ups there too. */
    final EventLoop timer() {
        return timer;
    }

    /** Marks the phase start and issues the schedule's units at their offsets from it. */
    final void beginSchedule(ArrivalSchedule arrivals) {
        long startNanos = markStart();
        schedule = arrivals;
        long first = schedule.nextOffsetNanos();
        if (first < 0 || !stop().allows(0, first)) {
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
            if (offset < 0 || !stop().allows(nextIndex, offset)) {
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
            start(due.index(), due.intendedNanos(), due.intendedNanos());
        } else {
            waiting.add(due);
            drain();
        }
    }

    private boolean tryReserve() {
        while (true) {
            int n = inUse.get();
            if (n >= cap) {
                return false;
            }
            if (inUse.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Starts waiting units while slots are free; safe to call from any loop. */
    private void drain() {
        while (!waiting.isEmpty() && tryReserve()) {
            Due due = waiting.poll();
            if (due == null) {
                inUse.decrementAndGet(); // another loop took it; re-check the queue
                continue;
            }
            // it may go now: from its intended time, or from now if it waited for a free slot
            start(due.index(), due.intendedNanos(), Math.max(due.intendedNanos(), now()));
        }
    }

    /** A scheduled unit ended: its slot goes to a waiting unit, and the phase ends after the last one. */
    final void unitDone() {
        inUse.decrementAndGet();
        drain();
        outstandingDone();
    }

    /** A unit issued outside the schedule (a closed loop's) is outstanding until {@link #outstandingDone}. */
    final void outstandingIssued() {
        outstanding.incrementAndGet();
    }

    final void outstandingDone() {
        if (outstanding.decrementAndGet() == 0 && !issuing) {
            finishedOne();
        }
    }

    final void endIssuing() {
        issuing = false;
        if (outstanding.get() == 0) {
            finishedOne();
        }
    }

    /** Ends issuing and drops the units waiting for a slot (counted as unsent); part of a stop. */
    final void endIssuingAndDropWaiting() {
        endIssuing();
        while (waiting.poll() != null) {
            dropUnsent();
            outstandingDone();
        }
    }

    final NettyClient client() {
        return client;
    }

    /**
     * Sends {@code request} on an idle connection (on that connection's loop) or a new one, recording the client's
     * dispatch delay from {@code readyNanos}, the moment it could have gone.
     */
    final void dispatch(OpenRequest request, long readyNanos) {
        Channel ch = idle.poll(request.server());
        if (ch != null && ch.eventLoop().inEventLoop()) {
            // the connection lives on this loop: send now, without a hop through the task queue
            sendLag.record(now() - readyNanos);
            request.sendOn(ch, true);
        } else if (ch != null) {
            ch.eventLoop().execute(() -> {
                sendLag.record(now() - readyNanos);
                request.sendOn(ch, true);
            });
        } else {
            sendLag.record(now() - readyNanos);
            client.connect(request.server()).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    request.sendOn(f.channel(), false);
                } else {
                    request.connectFailed(f.cause());
                }
            });
        }
    }

    /**
     * Returns a still-open connection to {@code server} (null: none) to the pool shared by the phases (the driver
     * closes the pool's at the end).
     */
    final void release(int server, Channel ch) {
        idle.offer(server, ch);
    }

    /** Called on the request's loop when it ended; {@code reusable} is its connection when it may be reused. */
    abstract void finished(OpenRequest request, RequestRecord record, Channel reusable);
}
