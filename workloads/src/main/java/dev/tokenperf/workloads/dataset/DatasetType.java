package dev.tokenperf.workloads.dataset;

/**
 * The file formats {@code --custom-dataset-type} accepts, by aiperf's names ({@code single_turn},
 * {@code multi_turn}, {@code mooncake_trace}); the hyphenated names tokenperf used before are accepted too.
 */
public enum DatasetType {
    /** JSONL, one request per line: {@code {"text": ...}} or {@code {"messages": [...]}}, optional {@code output_length}. */
    SINGLE_TURN("single_turn"),
    /**
     * aiperf's multi-turn JSONL, one session per line: {@code {"session_id": ..., "turns": [{"text": ...,
     * "delay": ms}, ...]}}.
     */
    MULTI_TURN("multi_turn"),
    /** ShareGPT JSON: an array of {@code {"conversations": [{"from": "human", "value": ...}, ...]}}. */
    SHAREGPT("sharegpt"),
    /** Mooncake trace JSONL: {@code timestamp}, {@code input_length}, {@code output_length}, {@code hash_ids}. */
    MOONCAKE_TRACE("mooncake_trace");

    private final String option;

    DatasetType(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    /** @throws IllegalArgumentException listing the valid names */
    public static DatasetType fromOption(String text) {
        for (DatasetType type : values()) {
            // "single-turn" and "mooncake-trace" were tokenperf's names before it took aiperf's
            if (type.option.equals(text) || type.option.replace('_', '-').equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("--custom-dataset-type '" + text
                + "' is not one of single_turn, multi_turn, sharegpt, mooncake_trace");
    }

    @Override
    public String toString() {
        return option;
    }
}
