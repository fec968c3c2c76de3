package dev.tokenperf.workloads.prompt;

import java.util.List;

/**
 * Everything a run sends, built before it starts: warmup and measured requests are distinct so that warmup
 * does not fill a prefix cache with the measured prompts. Request {@code i} of a phase uses entry
 * {@code i mod size}.
 *
 * @param warmup   requests of the warmup phase (may be empty when there is none)
 * @param measured requests of the measured phase, at least one
 * @param source   what the prompts came from, for the saved configuration (e.g. {@code synthetic})
 * @param sessions the measured multi-turn sessions, or empty for a single-turn run; when present, {@code measured}
 *                 holds their first turns (for the prompt-set hash)
 */
public record PromptSet(List<RequestSpec> warmup, List<RequestSpec> measured, String source,
                        List<Conversation> sessions) {
    public PromptSet {
        warmup = List.copyOf(warmup);
        measured = List.copyOf(measured);
        sessions = List.copyOf(sessions);
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("a prompt set needs at least one measured request");
        }
    }

    /** A single-turn prompt set. */
    public PromptSet(List<RequestSpec> warmup, List<RequestSpec> measured, String source) {
        this(warmup, measured, source, List.of());
    }

    /** A multi-turn prompt set: warmup sends single requests, the measured phase sends {@code sessions}. */
    public static PromptSet ofSessions(List<RequestSpec> warmup, List<Conversation> sessions, String source) {
        return new PromptSet(warmup, sessions.stream().map(Conversation::firstRequest).toList(), source, sessions);
    }

    public boolean multiTurn() {
        return !sessions.isEmpty();
    }
}
