package dev.tokenperf.load;

import dev.tokenperf.client.NettyClient;
import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.workloads.schedule.ArrivalSchedule;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One running open-loop phase. A timer task on one event loop wakes at each request's intended time,
 * computed as phase start + schedule offset (absolute, so a late wake-up never delays the requests after
 * it), hands every due request to a pooled connection's loop, and sleeps until the next one. Nothing here
 * blocks a loop: a request that finds the concurrency cap reached waits in a queue and is sent when a
 * request ends.
 */
final class OpenLoopPhase {
    /** A scheduled request: its index and its absolute intended start. */
    private record Due(int index, long intendedNanos) {
    }

    private final OpenPhaseSpec spec;
    private final RequestSender sender;
    private final NettyClient client;
    private final long originNanos;
    private final Deque<Channel> idle;
    private final SendLag sendLag;
    private final PhaseTally tally;
    private final ArrivalSchedule schedule;
    private final EventLoop timer;
    private final int cap;
    private final Runnable tickTask = this::tick;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Due> waiting = new ConcurrentLinkedQueue<>();
    private final Set<OpenRequest> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong outstanding = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean issuing = true;
    private volatile boolean cancelled;
    private volatile boolean stopped;
    private volatile long startNanos;
    // touched only by the timer task
    private int nextIndex;
    private long nextDueNanos;

    OpenLoopPhase(OpenPhaseSpec spec, RequestSender sender, Deque<Channel> idle, SendLag sendLag,
                  LoadCounters counters, RecordSpill spill) {
        this.spec = spec;
        this.sender = sender;
        this.client = sender.client();
        this.originNanos = sender.originNanos();
        this.idle = idle;
        this.sendLag = sendLag;
        this.schedule = spec.schedule();
        this.cap = spec.maxConcurrency() == 0 ? Integer.MAX_VALUE : spec.maxConcurrency();
        this.timer = client.group().next();
        this.tally = new PhaseTally(spec.warmup(), spec.limits(), counters, spill, this::cut);
    }

    void begin() {
        startNanos = System.nanoTime();
        if (spec.stop().durationNanos() > 0) {
            tally.issuingEndedAt(startNanos + spec.stop().durationNanos() - originNanos);
        }
        long first = schedule.nextOffsetNanos();
        if (first < 0 || !spec.stop().allows(0, first)) {
            endIssuing();
            return;
        }
        nextDueNanos = startNanos + first;
        timer.execute(tickTask);
    }

    private void tick() {
        if (cancelled || stopped) {
            endIssuing();
            return;
        }
        long now = System.nanoTime();
        while (nextDueNanos <= now) {
            if (cancelled || stopped) {
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
            nextDueNanos = startNanos + offset;
        }
        timer.schedule(tickTask, nextDueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
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
            send(due, Math.max(due.intendedNanos(), System.nanoTime()));
        }
    }

    private void send(Due due, long readyNanos) {
        RequestPlan.Item item = spec.plan().item(due.index());
        OpenRequest request = new OpenRequest(this, sender, item, spec.requestTimeout());
        RequestTrace trace = sender.trace(due.index(), spec.warmup(), item, request);
        trace.intendedStart(due.intendedNanos());
        request.attach(trace);
        active.add(request);
        Channel ch = pollIdle();
        if (ch != null && ch.eventLoop().inEventLoop()) {
            // the connection lives on this loop: send now, without a hop through the task queue
            sendLag.record(System.nanoTime() - readyNanos);
            request.sendOn(ch, true);
        } else if (ch != null) {
            ch.eventLoop().execute(() -> {
                sendLag.record(System.nanoTime() - readyNanos);
                request.sendOn(ch, true);
            });
        } else {
            sendLag.record(System.nanoTime() - readyNanos);
            client.connect().addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    request.sendOn(f.channel(), false);
                } else {
                    request.connectFailed(f.cause());
                }
            });
        }
    }

    private Channel pollIdle() {
        Channel ch;
        while ((ch = idle.poll()) != null) {
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** A request was resent once because the server closed a kept-alive connection under it. */
    void countResend() {
        tally.countResend();
    }

    boolean isStopping() {
        return cancelled || stopped;
    }

    /** Called on the request's loop when it ended; {@code reusable} is its connection when it may be reused. */
    void finished(OpenRequest request, RequestRecord record, Channel reusable) {
        active.remove(request);
        tally.collect(record);
        release(reusable);
        inFlight.decrementAndGet();
        drain();
        requestDone();
    }

    /** Returns a still-open connection to the pool shared by the phases (the driver closes the pool's at the end). */
    void release(Channel ch) {
        if (ch == null) {
            return;
        }
        if (ch.isActive()) {
            idle.offer(ch);
        }
    }

    private void requestDone() {
        if (outstanding.decrementAndGet() == 0 && !issuing) {
            done.countDown();
        }
    }

    private void endIssuing() {
        issuing = false;
        if (outstanding.get() == 0) {
            done.countDown();
        }
    }

    void cancel() {
        cancelled = true;
        stopAll();
    }

    /** Ends the phase without marking it interrupted: waiting and in-flight requests are cut and dropped. */
    void cut() {
        stopped = true;
        tally.startCutting();
        stopAll();
    }

    private void stopAll() {
        endIssuing();
        Due due;
        while ((due = waiting.poll()) != null) {
            tally.dropUnsent();
            requestDone();
        }
        for (OpenRequest request : active) {
            request.cancel();
        }
    }

    /** Waits for the phase; after a duration stop, cuts what is still in flight once the grace period ends. */
    void await() throws InterruptedException {
        long duration = spec.stop().durationNanos();
        if (duration > 0) {
            long waitNanos = startNanos + duration + spec.limits().gracePeriodNanos() - System.nanoTime();
            if (!done.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                cut();
            }
        }
        done.await();
    }

    PhaseResult result() {
        long start = startNanos - originNanos;
        long end = Math.max(start, tally.lastEndNanos());
        return new PhaseResult(tally.recorded(), tally.firstStartNanos(), tally.lastStartNanos(), start, end,
                cancelled, tally.finishedInGrace(), tally.cut(), tally.abortMessage(), tally.resent());
    }
}
