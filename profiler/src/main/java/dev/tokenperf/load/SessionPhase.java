package dev.tokenperf.load;

import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.workloads.prompt.Conversation;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One running session phase. A session's turns go out one at a time: when a turn's answer has ended, the next
 * turn (carrying that answer) is sent after the user's think time, its intended start being the answer's end plus
 * the think time. A failed turn ends its session, since its later turns would carry no true history.
 *
 * <p>Sessions start as the load model says. Closed loop: {@code maxSessions} sessions are in progress, and a new
 * one starts when one ends. Open loop: a timer task on one event loop starts session {@code i} at phase start +
 * schedule offset {@code i} (absolute, as in {@link OpenLoopPhase}); when a cap is reached a session waits for
 * another to end.
 *
 * <p>Threads: {@link #begin} runs on the runner's thread; the start schedule ({@code tick}) and the think-time
 * timers on the timer loop; {@link #finished} on the loop of the connection whose turn ended; stopping is
 * {@link PhaseLifecycle}'s.
 */
final class SessionPhase extends PooledPhase {
    /** A scheduled session start: its index and its absolute intended start. */
    private record Due(int session, long intendedNanos) {
    }

    private final SessionPhaseSpec spec;
    private final RequestSender sender;
    private final EventLoop timer;
    private final int cap;
    private final Runnable tickTask = this::tick;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger nextRequest = new AtomicInteger();
    private final AtomicLong nextClosedSession = new AtomicLong();
    /** Sessions started (or waiting to start) and not yet ended. */
    private final AtomicLong outstanding = new AtomicLong();
    private final ConcurrentLinkedQueue<Due> waiting = new ConcurrentLinkedQueue<>();
    private final Map<OpenRequest, SessionProgress> active = new ConcurrentHashMap<>();
    /** Sessions in their think time; whoever removes one (its timer or a stop) moves it on. */
    private final Set<SessionProgress> thinking = ConcurrentHashMap.newKeySet();
    private volatile boolean issuing = true;
    // touched only by the timer task
    private int nextIndex;
    private long nextDueNanos;

    SessionPhase(SessionPhaseSpec spec, RequestSender sender, Deque<Channel> idle, SendLag sendLag,
                 LongSupplier clock, LoadCounters counters, RecordSpill spill) {
        super(false, spec.stop(), spec.limits(), sender, idle, sendLag, clock, counters, spill);
        this.spec = spec;
        this.sender = sender;
        this.cap = spec.maxSessions() == 0 ? Integer.MAX_VALUE : spec.maxSessions();
        this.timer = client().group().next();
    }

    void begin() {
        long startNanos = markStart();
        if (spec.starts() == null) {
            for (int i = 0; i < cap; i++) {
                startNextClosed();
            }
            return;
        }
        long first = spec.starts().nextOffsetNanos();
        if (first < 0 || !stop().allows(0, first)) {
            endIssuing();
            return;
        }
        nextDueNanos = startNanos + first;
        timer.execute(tickTask);
    }

    /** Closed loop: starts the next session now, or ends issuing when the stop condition allows no more. */
    private void startNextClosed() {
        long index = nextClosedSession.getAndIncrement();
        if (isStopping() || !stop().allows(index, now() - startNanos())) {
            endIssuing();
            return;
        }
        outstanding.incrementAndGet();
        long now = now();
        startSession((int) index, now, now);
    }

    private void tick() {
        if (isStopping()) {
            endIssuing();
            return;
        }
        long now = now();
        while (nextDueNanos <= now) {
            if (isStopping()) {
                endIssuing();
                return;
            }
            issue(new Due(nextIndex++, nextDueNanos));
            long offset = spec.starts().nextOffsetNanos();
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
            startSession(due.session(), due.intendedNanos(), due.intendedNanos());
        } else {
            waiting.add(due);
            drain();
        }
    }

    private boolean tryReserve() {
        while (true) {
            int n = inProgress.get();
            if (n >= cap) {
                return false;
            }
            if (inProgress.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Open loop: starts waiting sessions while the cap allows; safe to call from any loop. */
    private void drain() {
        while (!isStopping() && !waiting.isEmpty() && tryReserve()) {
            Due due = waiting.poll();
            if (due == null) {
                inProgress.decrementAndGet(); // another loop took it; re-check the queue
                continue;
            }
            // it may go now: from its intended time, or from now if it waited for a free slot
            startSession(due.session(), due.intendedNanos(), Math.max(due.intendedNanos(), now()));
        }
    }

    /** @param readyNanos when it could go at the earliest: the client's dispatch delay is measured from there */
    private void startSession(int index, long intendedNanos, long readyNanos) {
        Conversation conversation = spec.sessions().get(index % spec.sessions().size());
        int round = index / spec.sessions().size();
        // a session sent again (the run has more sessions than the set) gets an id of its own
        String id = round == 0 ? conversation.id() : conversation.id() + "#" + round;
        sendTurn(new SessionProgress(conversation, id), intendedNanos, readyNanos);
    }

    private void sendTurn(SessionProgress session, long intendedNanos, long readyNanos) {
        RequestPlan.Item item = session.nextRequest(spec.bodies());
        OpenRequest request = new OpenRequest(this, sender, item, spec.requestTimeout());
        RequestTrace trace = sender.trace(nextRequest.getAndIncrement(), false, item, request);
        trace.intendedStart(intendedNanos);
        trace.sessionTurn(session.sessionId(), session.nextTurnIndex());
        request.attach(trace);
        active.put(request, session);
        dispatch(request, readyNanos);
    }

    @Override
    void finished(OpenRequest request, RequestRecord record, Channel reusable) {
        SessionProgress session = active.remove(request);
        collect(record);
        release(reusable);
        if (!record.succeeded() || !turnsMayGo()) {
            sessionEnded();
            return;
        }
        session.answered(record.outputText(), record.outputTokens());
        if (!session.hasNextTurn()) {
            sessionEnded();
            return;
        }
        long intended = session.nextIntendedNanos(sender.originNanos() + record.endNanos());
        thinking.add(session);
        timer.schedule(() -> {
            if (thinking.remove(session)) {
                if (turnsMayGo()) {
                    sendTurn(session, intended, intended);
                } else {
                    sessionEnded();
                }
            }
        }, Math.max(0, intended - now()), TimeUnit.NANOSECONDS);
    }

    /** False once the phase is stopping or its duration is over: sessions in progress then send no more turns. */
    private boolean turnsMayGo() {
        return !isStopping() && stop().allows(0, now() - startNanos());
    }

    private void sessionEnded() {
        if (spec.starts() == null) {
            startNextClosed(); // before this one is counted out, so the phase never looks finished in between
        } else {
            inProgress.decrementAndGet();
            drain();
        }
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

    /** Ends issuing, drops sessions waiting to start, ends those thinking and cancels the turns in flight. */
    @Override
    void stopRequests() {
        endIssuing();
        while (waiting.poll() != null) {
            dropUnsent();
            if (outstanding.decrementAndGet() == 0) {
                finishedOne();
            }
        }
        for (SessionProgress session : thinking) {
            if (thinking.remove(session)) {
                sessionEnded();
            }
        }
        for (OpenRequest request : active.keySet()) {
            request.cancel();
        }
    }
}
