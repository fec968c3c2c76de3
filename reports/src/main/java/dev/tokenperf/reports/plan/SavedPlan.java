package dev.tokenperf.reports.plan;

/**
 * A run's plan and facts as read back from its {@code input_config}.
 *
 * @param plan  the plan; its workload's {@code isl} is 1 when the run saved none (a dataset, a trace or
 *              {@code --seq-dist} set the lengths instead), see {@link #islSaved}
 * @param facts what the run learned
 * @param islSaved whether the saved configuration stated a single prompt length
 */
public record SavedPlan(RunPlan plan, RunFacts facts, boolean islSaved) {
}
