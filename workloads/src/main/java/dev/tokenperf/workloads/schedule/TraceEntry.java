package dev.tokenperf.workloads.schedule;

import java.util.List;

/**
 * One request of a fixed-schedule trace (mooncake-style JSONL).
 *
 * @param timestampMillis when to send it, in the trace's own milliseconds
 * @param inputLength     prompt length in tokens
 * @param outputLength    output length in tokens (sent as max_tokens)
 * @param hashIds         prefix-block ids when the trace has them, else empty; requests sharing leading ids share
 *                        prompt prefixes (built by the profile command with the run's tokenizer)
 */
public record TraceEntry(double timestampMillis, int inputLength, int outputLength, List<Long> hashIds) {
    public TraceEntry {
        if (!(timestampMillis >= 0)) {
            throw new IllegalArgumentException("timestamp (" + timestampMillis + ") must be >= 0");
        }
        if (inputLength < 1 || outputLength < 1) {
            throw new IllegalArgumentException("input_length and output_length must be >= 1, got "
                    + inputLength + " and " + outputLength);
        }
        hashIds = List.copyOf(hashIds);
    }
}
