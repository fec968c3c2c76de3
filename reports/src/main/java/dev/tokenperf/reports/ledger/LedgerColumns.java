package dev.tokenperf.reports.ledger;

import java.util.List;
import java.util.Map;

/**
 * The ledger's columns, in their fixed order: first the 20 columns of the energy-benchmark ledgers users
 * already keep, then tokenperf's own. The one place the column set is written down; the writer, the
 * migration and the tests read it from here.
 */
public final class LedgerColumns {
    /** The energy-benchmark ledgers' columns, in their order. */
    public static final List<String> STANDARD = List.of("model_name", "model_class", "task", "reasoning_state",
            "total_prompts", "successful_prompts", "failed_prompts", "total_duration_seconds", "avg_total_time",
            "avg_time_to_first_token", "total_tokens", "total_prompt_tokens", "total_completion_tokens",
            "throughput_tokens_per_second", "gpu_energy_wh", "co2_emissions_g", "tokens_per_joule",
            "avg_energy_per_prompt_wh", "timestamp", "error_message");
    /** tokenperf's columns after the standard ones: percentiles in seconds, and where the run's results are. */
    public static final List<String> TOKENPERF = List.of("p50_time_to_first_token", "p99_time_to_first_token",
            "p50_inter_token_latency", "p99_inter_token_latency", "result_directory");
    /** Every current column, in order. */
    public static final List<String> ALL = concat(STANDARD, TOKENPERF);
    /** Old names, mapped to the current ones by {@code ledger migrate}. */
    public static final Map<String, String> RENAMED = Map.of("avg_latency_seconds", "avg_total_time");
    /** Columns a file must have (under a current or old name) to be understood as a ledger at all. */
    public static final List<String> IDENTITY = List.of("model_name", "timestamp");

    private LedgerColumns() {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
