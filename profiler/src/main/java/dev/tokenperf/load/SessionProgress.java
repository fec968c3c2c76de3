package dev.tokenperf.load;

import dev.tokenperf.client.HistoryBodies;
import dev.tokenperf.workloads.prompt.ChatMessage;
import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.ConversationTurn;

import java.util.List;

/**
 * One session in progress: the history its next request carries (every earlier user turn and the answer the
 * server actually gave to it) and when its next turn is meant to go out. It holds no timer and reads no clock, so
 * the turn arithmetic is tested with exact values.
 *
 * <p>Threads: one turn at a time, so one thread at a time; the hand-offs between loops are Netty task
 * submissions, which order memory.
 */
final class SessionProgress {
    private final Conversation conversation;
    private final String sessionId;
    private final int server;
    /** When the session's first turn was meant to start (a replayed trace's later turns are timed from it). */
    private final long startNanos;
    /** The model every turn names when the run names several, else null. */
    private final String model;
    /** Every earlier user turn and answer, as the JSON bytes the next body carries. */
    private final HistoryBodies.History history;
    /** The conversation's user turns, escaped before the phase. */
    private final List<HistoryBodies.Message> userTurns;
    /** The history's tokens: the user turns' counts under the run's tokenizer and the answers' output tokens. */
    private int historyTokens;
    private int nextTurn;

    /**
     * @param sessionId  the id its records carry (a session sent again gets a distinct one)
     * @param server     the server all its turns go to, by its position among the client's targets
     * @param startNanos when its first turn is meant to start
     * @param model      the model every turn names when the run names several (the one {@code bodies} name), else
     *                     null
     * @param bodies       the body templates of that model, for every output length of the session's turns
     * @param userTurns    the conversation's user turns as history messages ({@link #userTurns})
     */
    SessionProgress(Conversation conversation, String sessionId, int server, long startNanos, String model,
                    HistoryBodies bodies, List<HistoryBodies.Message> userTurns) {
        this.conversation = conversation;
        this.userTurns = userTurns;
        this.sessionId = sessionId;
        this.server = server;
        this.startNanos = startNanos;
        this.model = model;
        this.history = bodies.start();
    }

    int server() {
        return server;
    }

    String sessionId() {
        return sessionId;
    }

    /** The index, from 0, of the turn {@link #nextRequest} sends. */
    int nextTurnIndex() {
        return nextTurn;
    }

    boolean hasNextTurn() {
        return nextTurn < conversation.turns().size();
    }

    /**
     * The next turn's request: the history so far and the new user message. Its requested input length is the
     * whole prompt it sends (the history's tokens and the new turn's), its output length the turn's.
     */
    RequestPlan.Item nextRequest() {
        ConversationTurn turn = conversation.turns().get(nextTurn);
        history.add(userTurns.get(nextTurn));
        historyTokens += turn.inputTokens();
        return new RequestPlan.Item(history.body(turn.outputTokens()), historyTokens, turn.outputTokens(), model);
    }

    /** {@code conversation}'s user turns escaped, as {@link #SessionProgress} takes them: done before the phase. */
    static List<HistoryBodies.Message> userTurns(Conversation conversation) {
        return conversation.turns().stream().map(t -> HistoryBodies.message(ChatMessage.user(t.text()))).toList();
    }

    /** The server answered the turn just sent with {@code answer} of {@code outputTokens}: later turns carry it. */
    void answered(String answer, int outputTokens) {
        history.add(ChatMessage.assistant(answer));
        historyTokens += outputTokens;
        nextTurn++;
    }

    /**
     * When the next turn is meant to start: the end of the previous answer plus the user's think time; a replayed
     * trace's turn with a time of its own goes at the session's start plus that time, or at the previous answer's
     * end when that is later (one turn at a time). The schedule lag and the latency from the intended start are
     * measured from here.
     */
    long nextIntendedNanos(long previousEndNanos) {
        ConversationTurn turn = conversation.turns().get(nextTurn);
        if (!Double.isNaN(turn.atMillis())) {
            return Math.max(previousEndNanos, startNanos + Math.round(turn.atMillis() * 1e6));
        }
        return previousEndNanos + Math.round(turn.delayMillis() * 1e6);
    }
}
