package dev.tokenperf.serving;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The disaggregated-serving queueing model of the emulator: a prefill pool of {@code prefillWorkers}
 * workers at {@code prefillTokensPerSecond} (prefill time = prompt tokens / rate), a KV transfer of
 * {@code kvTransferNanos + kvTransferNanosPerToken * prompt tokens}, and a decode pool of
 * {@code decodeWorkers} workers, each running up to {@code decodeMaxBatch} sequences at once, one token per
 * step of {@code 1 / decodeTokensPerSecond} seconds, grown by {@code decodeBatchGrowth} for each other
 * sequence in the batch. Both pools serve requests FIFO in arrival order, so
 * TTFT = prefill wait + prefill + (decode-first only: transfer + decode wait + first decode step).
 *
 * <p>In {@link ServingMode#AGGREGATED} mode the model is not used: the emulator's fixed timing alone sets
 * the times, as it always did. In {@link ServingMode#AGGREGATED_POOL} mode the {@code decodeWorkers} GPUs
 * each prefill and then decode a request (up to {@code decodeMaxBatch} at once); there is no separate
 * prefill pool ({@code prefillWorkers} equals the GPUs, so that heterogeneous rates are one per GPU) and no KV
 * transfer ({@link #aggregatedPool}).
 *
 * @param mode                    where the first token comes from
 * @param prefillWorkers          G_p, prefill workers (each serves one request at a time)
 * @param prefillTokensPerSecond  r_p, prompt tokens one prefill worker processes per second
 * @param kvTransferNanos         fixed KV-cache transfer time per request
 * @param kvTransferNanosPerToken extra transfer time per prompt token
 * @param decodeWorkers           G_d, decode workers
 * @param decodeTokensPerSecond   r_d, tokens per second of one sequence decoding alone
 * @param decodeMaxBatch          sequences one decode worker runs at once (1 = no batching)
 * @param decodeBatchGrowth       fraction by which each additional sequence in a worker's batch lengthens
 *                                every step of the admitted sequence (0 = batch size does not matter)
 * @param extensions              the switchable extensions ({@link ServingExtensions#NONE}: the basic model)
 */
public record ServingModel(ServingMode mode, int prefillWorkers, double prefillTokensPerSecond,
                           long kvTransferNanos, long kvTransferNanosPerToken, int decodeWorkers,
                           double decodeTokensPerSecond, int decodeMaxBatch, double decodeBatchGrowth,
                           ServingExtensions extensions) {

    /** The basic model, without extensions. */
    public ServingModel(ServingMode mode, int prefillWorkers, double prefillTokensPerSecond, long kvTransferNanos,
                        long kvTransferNanosPerToken, int decodeWorkers, double decodeTokensPerSecond,
                        int decodeMaxBatch, double decodeBatchGrowth) {
        this(mode, prefillWorkers, prefillTokensPerSecond, kvTransferNanos, kvTransferNanosPerToken, decodeWorkers,
                decodeTokensPerSecond, decodeMaxBatch, decodeBatchGrowth, ServingExtensions.NONE);
    }

    /** The defaults documented in the README and in {@code --help}. */
    public static final ServingModel DEFAULTS = new ServingModel(ServingMode.AGGREGATED, 1, 500_000, 20_000_000L,
            0, 1, 200, 256, 0);

    public ServingModel {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(extensions, "extensions");
        List<Double> rates = extensions.prefillGpuTokensPerSecond();
        if (!rates.isEmpty() && rates.size() != prefillWorkers) {
            throw new IllegalArgumentException(rates.size() + " prefill GPU rates for " + prefillWorkers
                    + " prefill workers");
        }
        if (prefillWorkers < 1 || decodeWorkers < 1) {
            throw new IllegalArgumentException("prefill workers (" + prefillWorkers + ") and decode workers ("
                    + decodeWorkers + ") must be >= 1");
        }
        if (!(prefillTokensPerSecond > 0) || !(decodeTokensPerSecond > 0)) {
            throw new IllegalArgumentException("prefill tokens/s (" + prefillTokensPerSecond
                    + ") and decode tokens/s (" + decodeTokensPerSecond + ") must be > 0");
        }
        if (kvTransferNanos < 0 || kvTransferNanosPerToken < 0) {
            throw new IllegalArgumentException("KV transfer times must be >= 0");
        }
        if (decodeMaxBatch < 1) {
            throw new IllegalArgumentException("decode max batch (" + decodeMaxBatch + ") must be >= 1");
        }
        if (!(decodeBatchGrowth >= 0)) {
            throw new IllegalArgumentException("decode batch growth (" + decodeBatchGrowth + ") must be >= 0");
        }
    }

    /** An {@link ServingMode#AGGREGATED_POOL} model of {@code gpus} GPUs, without extensions. */
    public static ServingModel aggregatedPool(int gpus, double prefillTokensPerSecond, double decodeTokensPerSecond,
                                              int maxBatch, double batchGrowth) {
        return aggregatedPool(gpus, prefillTokensPerSecond, decodeTokensPerSecond, maxBatch, batchGrowth,
                ServingExtensions.NONE);
    }

    /**
     * An {@link ServingMode#AGGREGATED_POOL} model of {@code gpus} GPUs; the extensions' prefill rates (if any)
     * are the GPUs' own and their KV limit is per GPU.
     */
    public static ServingModel aggregatedPool(int gpus, double prefillTokensPerSecond, double decodeTokensPerSecond,
                                              int maxBatch, double batchGrowth, ServingExtensions extensions) {
        return new ServingModel(ServingMode.AGGREGATED_POOL, gpus, prefillTokensPerSecond, 0, 0, gpus,
                decodeTokensPerSecond, maxBatch, batchGrowth, extensions);
    }

    /** One line describing the model, for the console. */
    public String describe() {
        return switch (mode) {
            case AGGREGATED -> "mode aggregated";
            case AGGREGATED_POOL -> String.format(Locale.US, "mode %s, %d GPUs, each prefill %.0f tok/s then decode "
                    + "%.0f tok/s, batch <= %d (growth %.3f/seq)", mode, decodeWorkers, prefillTokensPerSecond,
                    decodeTokensPerSecond, decodeMaxBatch, decodeBatchGrowth) + extensions.describe(mode);
            default -> String.format(Locale.US, "mode %s, prefill %d x %.0f tok/s, KV transfer %.2f ms + %.2f "
                            + "us/token, decode %d x %.0f tok/s, batch <= %d (growth %.3f/seq)", mode, prefillWorkers,
                    prefillTokensPerSecond, kvTransferNanos / 1e6, kvTransferNanosPerToken / 1e3, decodeWorkers,
                    decodeTokensPerSecond, decodeMaxBatch, decodeBatchGrowth) + extensions.describe(mode);
        };
    }

    /** Prefill compute time of one prompt on one worker. */
    public long prefillNanos(int promptTokens) {
        return Math.round(promptTokens * 1e9 / prefillTokensPerSecond);
    }

    /** Prefill compute time of one prompt on prefill worker {@code worker} (its own rate, if it has one). */
    public long prefillNanos(int promptTokens, int worker) {
        List<Double> rates = extensions.prefillGpuTokensPerSecond();
        return rates.isEmpty() ? prefillNanos(promptTokens) : Math.round(promptTokens * 1e9 / rates.get(worker));
    }

    /** KV transfer time of one prompt's cache. */
    public long kvTransferNanos(int promptTokens) {
        return kvTransferNanos + kvTransferNanosPerToken * promptTokens;
    }

    /**
     * Decode steps a request of {@code outputTokens} takes on its decode worker: all of them when the first
     * token comes from decode, one fewer when the prefill produced it.
     */
    public int decodedTokens(int outputTokens) {
        return mode == ServingMode.DISAGG_DECODE_FIRST ? outputTokens : Math.max(0, outputTokens - 1);
    }

    /** One decode step of a sequence sharing its worker with {@code batch - 1} others. */
    public long decodeStepNanos(int batch) {
        return Math.round(1e9 / decodeTokensPerSecond * (1 + decodeBatchGrowth * (batch - 1)));
    }
}
