package dev.tokenperf.serving;

/**
 * When each token of one response is due, from the request's arrival, and the server-side stage times
 * behind it (the emulator's own truth, which it reports). Token 0 is due at {@code firstTokenNanos};
 * token {@code j >= 1} at {@code laterTokensBaseNanos + j * stepNanos}.
 *
 * @param mode                  the serving mode that produced it
 * @param prefillQueueNanos     wait for a free prefill worker
 * @param prefillComputeNanos   prefill compute (in aggregated mode: the whole fixed + per-token TTFT)
 * @param kvTransferNanos       KV-cache transfer to the decode worker (0 when aggregated)
 * @param decodeQueueNanos      wait for a decode slot (0 when aggregated)
 * @param stepNanos             one decode step of this request
 * @param firstTokenNanos       when token 0 is due
 * @param laterTokensBaseNanos  origin of tokens 1, 2, ...
 */
public record ServingSchedule(ServingMode mode, long prefillQueueNanos, long prefillComputeNanos,
                              long kvTransferNanos, long decodeQueueNanos, long stepNanos, long firstTokenNanos,
                              long laterTokensBaseNanos) {

    /** A schedule with no queues and no transfer: the first token after {@code ttftNanos}, then one per ITL. */
    public static ServingSchedule fixed(long ttftNanos, long itlNanos) {
        return new ServingSchedule(ServingMode.AGGREGATED, 0, ttftNanos, 0, 0, itlNanos, ttftNanos, ttftNanos);
    }

    /** When token {@code j} (from 0) is due, from the request's arrival. */
    public long tokenDueNanos(int j) {
        return j == 0 ? firstTokenNanos : laterTokensBaseNanos + j * stepNanos;
    }

    /**
     * When the decode worker (in {@link ServingMode#AGGREGATED_POOL}: the GPU, after its prefill) starts on
     * the request, from its arrival. It stays busy with it until the last token is due.
     */
    public long decodeStartNanos() {
        return prefillQueueNanos + prefillComputeNanos + kvTransferNanos + decodeQueueNanos;
    }

    /** The truth as JSON, in milliseconds: what the emulator sends in its header and final SSE event. */
    public String toJson() {
        return "{\"mode\":\"" + mode.option() + "\",\"prefill_queue_time_ms\":" + ms(prefillQueueNanos)
                + ",\"prefill_compute_time_ms\":" + ms(prefillComputeNanos)
                + ",\"kv_transfer_time_ms\":" + ms(kvTransferNanos)
                + ",\"decode_queue_time_ms\":" + ms(decodeQueueNanos)
                + ",\"decode_step_time_ms\":" + ms(stepNanos)
                + ",\"first_token_time_ms\":" + ms(firstTokenNanos) + "}";
    }

    private static String ms(long nanos) {
        return Double.toString(nanos / 1e6);
    }
}
