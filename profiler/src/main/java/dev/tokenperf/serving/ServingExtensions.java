package dev.tokenperf.serving;

import java.util.List;
import java.util.Locale;

/**
 * The switchable parts of the serving model beyond the basic two queues; {@link #NONE} switches all off.
 * None of them is covered by the closed forms (M/M/1, M/D/1, M/G/1, M/M/c) the simulator is checked against.
 * In {@link ServingMode#AGGREGATED_POOL} mode the GPU rates and the KV limit are the agg pool's GPUs' (each
 * prefills and decodes), and first-token priority does not apply (there is no decode queue to skip).
 *
 * @param prefillGpuTokensPerSecond per prefill GPU, its prompt tokens per second (heterogeneous prefill GPUs;
 *                                  empty: every GPU at the model's rate). A request takes the GPU on which
 *                                  its prefill would end first (the lowest index on ties).
 * @param decodeKvTokensPerGpu      KV-cache tokens one decode GPU holds (0: unlimited). A sequence holds
 *                                  prompt + output tokens from its decode admission (agg: its prefill's start)
 *                                  to its last token; admission waits until that many are free (a sequence
 *                                  larger than the whole memory waits for an empty GPU).
 * @param firstTokenPriority        disagg-decode-first only: a request's first decode step runs as soon as
 *                                  its KV cache arrives, ahead of the queue; the rest of its decode waits for
 *                                  a slot as usual. The first step is not charged to the batch it preempts.
 */
public record ServingExtensions(List<Double> prefillGpuTokensPerSecond, long decodeKvTokensPerGpu,
                                boolean firstTokenPriority) {
    /** The basic model. */
    public static final ServingExtensions NONE = new ServingExtensions(List.of(), 0, false);

    public ServingExtensions {
        prefillGpuTokensPerSecond = List.copyOf(prefillGpuTokensPerSecond);
        for (double rate : prefillGpuTokensPerSecond) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("every prefill GPU's tokens/s (" + rate + ") must be > 0");
            }
        }
        if (decodeKvTokensPerGpu < 0) {
            throw new IllegalArgumentException("decode KV tokens per GPU (" + decodeKvTokensPerGpu
                    + ") must be >= 0");
        }
    }

    /** The extensions switched on, for the model's console line in {@code mode}; empty when none is. */
    public String describe(ServingMode mode) {
        boolean agg = mode == ServingMode.AGGREGATED_POOL;
        StringBuilder out = new StringBuilder();
        if (!prefillGpuTokensPerSecond.isEmpty()) {
            out.append(agg ? ", GPUs prefill at " : ", prefill GPUs at ").append(prefillGpuTokensPerSecond.stream()
                    .map(r -> String.format(Locale.US, "%.0f", r)).toList()).append(" tok/s");
        }
        if (decodeKvTokensPerGpu > 0) {
            out.append(", KV memory ").append(decodeKvTokensPerGpu).append(agg ? " tokens/GPU" : " tokens/decode GPU");
        }
        if (firstTokenPriority) {
            out.append(", first-token priority");
        }
        return out.toString();
    }
}
