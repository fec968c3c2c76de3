package dev.tokenperf.load;

import dev.tokenperf.client.RequestBodyFactory;
import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.schedule.ArrivalSchedule;

import java.time.Duration;
import java.util.List;

/**
 * The measured phase of a session run.
 *
 * @param sessions       the sessions to send; session {@code i} of the phase is entry {@code i mod size}
 * @param starts         when each session starts (offsets from the phase start: an open loop), or null to start
 *                       one as soon as another ends (a closed loop of {@code maxSessions})
 * @param maxSessions    sessions in progress at most (the closed loop's concurrency), or 0 for no cap
 * @param stop           when to stop starting sessions: its count is of sessions; a duration also ends the
 *                       turns of sessions in progress
 * @param bodies         writes the templates of each turn's body (see {@code client.HistoryBodies}) before the
 *                       phase, so that no JSON is serialised on the event loop
 * @param models         with several models, session {@code i} names {@code models.get(i mod size)} in every turn;
 *                       empty when the run names one model (the one {@code bodies} names)
 * @param requestTimeout how long a turn's request may take before it is failed as a timeout
 * @param limits         grace period and failure threshold
 */
public record SessionPhaseSpec(List<Conversation> sessions, ArrivalSchedule starts, int maxSessions,
                               StopCondition stop, RequestBodyFactory bodies, List<String> models,
                               Duration requestTimeout, PhaseLimits limits) {
    public SessionPhaseSpec {
        sessions = List.copyOf(sessions);
        models = List.copyOf(models);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("a session phase needs at least one session");
        }
        if (maxSessions < 0 || (starts == null && maxSessions == 0)) {
            throw new IllegalArgumentException("sessions in progress (" + maxSessions + ") must be >= 1 in a closed "
                    + "loop and >= 0 in an open one");
        }
    }
}
