package dev.tokenperf.profile;

import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.reports.plan.RunFacts;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;
import dev.tokenperf.workloads.prompt.PromptSet;

import java.util.List;

/**
 * What a run sends beside its plan: the secret headers (kept out of the plan, which is saved), the prepared
 * prompts, a replayed trace's entries, and the facts to save with the results.
 *
 * @param headers auth and user headers
 * @param prompts the requests, built before the run (request {@code i} uses entry {@code i mod size})
 * @param trace   the replayed trace (its schedule), or an empty list
 * @param facts   prompt source and tokenizer; the runner adds what it learns
 */
public record RunInputs(RequestHeaders headers, PromptSet prompts, List<TraceEntry> trace, RunFacts facts) {
    public RunInputs {
        trace = List.copyOf(trace);
    }
}
