package dev.tokenperf.workloads.prompt;

import java.util.List;

/**
 * One multi-turn session: its user turns in order. The session's requests are sent one at a time, each with the
 * whole history so far (earlier user turns and the answers the server actually gave).
 *
 * @param id    the session's id, as the dataset names it or as generated ({@code session_id} in the records)
 * @param turns the user turns, at least one
 */
public record Conversation(String id, List<ConversationTurn> turns) {
    public Conversation {
        turns = List.copyOf(turns);
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a session needs at least one turn");
        }
    }

    /** The first turn as a single-turn request, for warmup and the prompt-set hash. */
    public RequestSpec firstRequest() {
        ConversationTurn first = turns.get(0);
        return RequestSpec.of(first.text(), first.inputTokens(), first.outputTokens());
    }

    /** This session with {@code osl} requested by every turn that names no output length of its own. */
    public Conversation withDefaultOutput(int osl) {
        return new Conversation(id, turns.stream().map(t -> t.withDefaultOutput(osl)).toList());
    }
}
