package dev.tokenperf.load;

import dev.tokenperf.client.HistoryBodies;
import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.workloads.prompt.Conversation;
import io.netty.channel.Channel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One running session phase. A session's turns go out one at a time: when a turn's answer has ended, the next
 * turn (carrying that answer) is sent after the user's think time, its intended start being the answer's end plus
 * the think time. A failed turn ends its session, since its later turns would carry no true history.
 *
 * <p>With several servers a session's turns all go to one server, chosen by the session's index as a single-turn
 * request's by its own: the history the server cached for the earlier turns is on that replica.
 *
 * <p>Sessions start as the load model says. Closed loop: {@code maxSessions} sessions are in progress, and a new
 * one starts when one ends. Open loop: session {@code i} starts at {@link PooledPhase}'s schedule offset
 * {@code i}; when a cap is reached a session waits for another to end.
 *
 * <p>Threads: {@link #begin} runs on the runner's thread; session starts on the timer loop or where a session
 * ended; think-time timers on the timer loop; {@link #finished} on the loop of the connection whose turn ended;
 * stopping is {@link PhaseLifecycle}'s.
 */
final class SessionPhase extends PooledPhase {
    private final SessionPhaseSpec spec;
    private final RequestSender sender;
    private final boolean closedLoop;
    private final AtomicInteger nextRequest = new AtomicInteger();
    private final AtomicLong nextClosedSession = new AtomicLong();
    private final Map<OpenRequest, SessionProgress> active = new ConcurrentHashMap<>();
    /** Sessions in their think time; whoever removes one (its timer or a stop) moves it on. */
    private final Set<SessionProgress> thinking = ConcurrentHashMap.newKeySet();
    /** The body templates of the run's one model, or of each model of {@link SessionPhaseSpec#models}. */
    private final HistoryBodies bodies;
    private final Map<String, HistoryBodies> modelBodies = new HashMap<>();
    /** Each session's user turns, escaped here (off the loop): entry {@code i} is {@code spec.sessions().get(i)}'s. */
    private final List<List<HistoryBodies.Message>> userTurns;

    SessionPhase(SessionPhaseSpec spec, RequestSender sender, IdlePools idle, SendLag sendLag,
                 LongSupplier clock, LoadCounters counters, RecordSpill spill) {
        // a closed loop starts its own sessions, so the schedule's cap does not apply to it
        super(false, spec.stop(), spec.limits(), sender, idle, sendLag, spec.starts() == null ? 0 : spec.maxSessions(),
                clock, counters, spill);
        this.spec = spec;
        this.sender = sender;
        this.closedLoop = spec.starts() == null;
        // the templates are Jackson's: written here, on the runner's thread, for every output length a turn asks
        Set<Integer> outputs = new HashSet<>();
        spec.sessions().forEach(c -> c.turns().forEach(t -> outputs.add(t.outputTokens())));
        this.bodies = new HistoryBodies(spec.bodies(), outputs);
        for (String model : spec.models()) {
            modelBodies.computeIfAbsent(model, m -> new HistoryBodies(spec.bodies().withModel(m), outputs));
        }
        this.userTurns = spec.sessions().stream().map(SessionProgress::userTurns).toList();
    }

    void begin() {
        if (!closedLoop) {
            beginSchedule(spec.starts());
            return;
        }
        markStart();
        for (int i = 0; i < spec.maxSessions(); i++) {
            startNextClosed();
        }
    }

    /** Closed loop: starts the next session now, or ends issuing when the stop condition allows no more. */
    private void startNextClosed() {
        long index = nextClosedSession.getAndIncrement();
        if (isStopping() || !stop().allows(index, now() - startNanos())) {
            endIssuing();
            return;
        }
        outstandingIssued();
        long now = now();
        start((int) index, now, now);
    }

    @Override
    void start(int index, long intendedNanos, long readyNanos) {
        int entry = index % spec.sessions().size();
        Conversation conversation = spec.sessions().get(entry);
        int round = index / spec.sessions().size();
        // a session sent again (the run has more sessions than the set) gets an id of its own
        String id = round == 0 ? conversation.id() : conversation.id() + "#" + round;
        String model = spec.models().isEmpty() ? null : spec.models().get(index % spec.models().size());
        // the whole session goes to one server, chosen by the session's index: its prefix cache lives there
        sendTurn(new SessionProgress(conversation, id, sender.server(index), intendedNanos, model,
                model == null ? bodies : modelBodies.get(model), userTurns.get(entry)), intendedNanos, readyNanos);
    }

    private void sendTurn(SessionProgress session, long intendedNanos, long readyNanos) {
        RequestPlan.Item item = session.nextRequest();
        OpenRequest request = new OpenRequest(this, sender, session.server(), item, spec.requestTimeout());
        RequestTrace trace = sender.trace(nextRequest.getAndIncrement(), session.server(), false, item, request);
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
        release(request.server(), reusable);
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
        timer().schedule(() -> {
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
        if (closedLoop) {
            startNextClosed(); // before this one is counted out, so the phase never looks finished in between
            outstandingDone();
        } else {
            unitDone();
        }
    }

    /** Ends issuing, drops sessions waiting to start, ends those thinking and cancels the turns in flight. */
    @Override
    void stopRequests() {
        endIssuingAndDropWaiting();
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
