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
 */
public record PromptSet(List<RequestSpec> warmup, List<RequestSpec> measured, String source) {
    public PromptSet {
        warmup = List.copyOf(warmup);
        measured = List.copyOf(measured);
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("a prompt set needs at least one measured request");
        }
    }
}
