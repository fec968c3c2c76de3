package dev.tokenperf.reports.record;

import java.util.Arrays;

/**
 * What one request did, as measured at the client: raw timestamps only, no derived metrics.
 *
 * <p>All times are {@code System.nanoTime()} values relative to the run's start, so records of one run
 * share a clock. Metrics are derived from these fields by {@link dev.tokenperf.reports.metrics.MetricRegistry}
 * and nowhere else.
 *
 * @param index               sequence number of the request in its phase, from 0
 * @param requestId           the id sent to the server as {@code X-Request-Id}
 * @param warmup              true for warmup requests, which no statistic includes
 * @param streaming           whether the request asked for an SSE stream
 * @param intendedStartNanos  when the load schedule meant to send it (equals {@code startNanos} in closed loop)
 * @param startNanos          when the request was written to the connection
 * @param endNanos            when the last byte of the response arrived (or the failure was seen)
 * @param chunkArrivalNanos   arrival time of each content-bearing chunk, in order (empty if not streaming)
 * @param chunkReadIndexes    for each content chunk, the ordinal of the network read that carried it on its
 *                            connection; equal neighbours mean the chunks arrived coalesced in one read
 * @param serverInputTokens   {@code usage.prompt_tokens} when the server reported it, else -1
 * @param serverOutputTokens  {@code usage.completion_tokens} when the server reported it, else -1
 * @param requestedInputTokens the prompt length the client intended, in tokens
 * @param requestedOutputTokens the {@code max_tokens} sent, or -1 when none was sent
 * @param outputText          the generated text, concatenated (kept for token counting after the run)
 * @param error               the failure, or null for a successful request
 * @param reasoningChunks     how many content chunks carried only reasoning ({@code reasoning_content} or
 *                            {@code reasoning}) before the first answer chunk; chunk {@code reasoningChunks} is the
 *                            first output token when there is one
 * @param serverReasoningTokens {@code usage.completion_tokens_details.reasoning_tokens} when the server reported
 *                            it, else -1
 * @param sessionId           the multi-turn session this request is a turn of, or null for a single-turn request
 * @param turnIndex           the turn's place in its session, from 0, or -1 for a single-turn request
 * @param serverCachedTokens  the prompt tokens the server served from its prefix cache
 *                            ({@code usage.prompt_tokens_details.cached_tokens}) when it reported them, else -1
 * @param model               the model its body named when the run named several ({@code -m a,b}), else null
 * @param url                 the server it went to when the run had several ({@code --url a --url b}), else null
 */
public record RequestRecord(
        int index,
        String requestId,
        boolean warmup,
        boolean streaming,
        long intendedStartNanos,
        long startNanos,
        long endNanos,
        long[] chunkArrivalNanos,
        long[] chunkReadIndexes,
        int serverInputTokens,
        int serverOutputTokens,
        int requestedInputTokens,
        int requestedOutputTokens,
        String outputText,
        RequestError error,
        int reasoningChunks,
        int serverReasoningTokens,
        String sessionId,
        int turnIndex,
        int serverCachedTokens, String model, String url) {

    /** A record of a run with one server. */
    public RequestRecord(int index, String requestId, boolean warmup, boolean streaming, long intendedStartNanos,
                         long startNanos, long endNanos, long[] chunkArrivalNanos, long[] chunkReadIndexes,
                         int serverInputTokens, int serverOutputTokens, int requestedInputTokens,
                         int requestedOutputTokens, String outputText, RequestError error, int reasoningChunks,
                         int serverReasoningTokens, String sessionId, int turnIndex, int serverCachedTokens,
                         String model) {
        this(index, requestId, warmup, streaming, intendedStartNanos, startNanos, endNanos, chunkArrivalNanos,
                chunkReadIndexes, serverInputTokens, serverOutputTokens, requestedInputTokens, requestedOutputTokens,
                outputText, error, reasoningChunks, serverReasoningTokens, sessionId, turnIndex, serverCachedTokens,
                model, null);
    }

    /** A record that names no model of several. */
    public RequestRecord(int index, String requestId, boolean warmup, boolean streaming, long intendedStartNanos,
                         long startNanos, long endNanos, long[] chunkArrivalNanos, long[] chunkReadIndexes,
                         int serverInputTokens, int serverOutputTokens, int requestedInputTokens,
                         int requestedOutputTokens, String outputText, RequestError error, int reasoningChunks,
                         int serverReasoningTokens, String sessionId, int turnIndex, int serverCachedTokens) {
        this(index, requestId, warmup, streaming, intendedStartNanos, startNanos, endNanos, chunkArrivalNanos,
                chunkReadIndexes, serverInputTokens, serverOutputTokens, requestedInputTokens, requestedOutputTokens,
                outputText, error, reasoningChunks, serverReasoningTokens, sessionId, turnIndex, serverCachedTokens,
                null);
    }

    /** A single-turn record. */
    public RequestRecord(int index, String requestId, boolean warmup, boolean streaming, long intendedStartNanos,
                         long startNanos, long endNanos, long[] chunkArrivalNanos, long[] chunkReadIndexes,
                         int serverInputTokens, int serverOutputTokens, int requestedInputTokens,
                         int requestedOutputTokens, String outputText, RequestError error, int reasoningChunks,
                         int serverReasoningTokens) {
        this(index, requestId, warmup, streaming, intendedStartNanos, startNanos, endNanos, chunkArrivalNanos,
                chunkReadIndexes, serverInputTokens, serverOutputTokens, requestedInputTokens, requestedOutputTokens,
                outputText, error, reasoningChunks, serverReasoningTokens, null, -1, -1);
    }

    /** A record without reasoning: every content chunk is answer. */
    public RequestRecord(int index, String requestId, boolean warmup, boolean streaming, long intendedStartNanos,
                         long startNanos, long endNanos, long[] chunkArrivalNanos, long[] chunkReadIndexes,
                         int serverInputTokens, int serverOutputTokens, int requestedInputTokens,
                         int requestedOutputTokens, String outputText, RequestError error) {
        this(index, requestId, warmup, streaming, intendedStartNanos, startNanos, endNanos, chunkArrivalNanos,
                chunkReadIndexes, serverInputTokens, serverOutputTokens, requestedInputTokens, requestedOutputTokens,
                outputText, error, 0, -1);
    }

    public RequestRecord {
        chunkArrivalNanos = chunkArrivalNanos == null ? new long[0] : chunkArrivalNanos;
        chunkReadIndexes = chunkReadIndexes == null ? new long[chunkArrivalNanos.length] : chunkReadIndexes;
        if (chunkReadIndexes.length != chunkArrivalNanos.length) {
            throw new IllegalArgumentException("one read index per chunk: " + chunkReadIndexes.length + " vs "
                    + chunkArrivalNanos.length);
        }
        outputText = outputText == null ? "" : outputText;
        if ((sessionId == null) != (turnIndex < 0)) {
            throw new IllegalArgumentException("a session turn has both a session id and a turn index, got "
                    + sessionId + " and " + turnIndex);
        }
        if (reasoningChunks < 0 || reasoningChunks > chunkArrivalNanos.length) {
            throw new IllegalArgumentException("reasoning chunks (" + reasoningChunks + ") must be within 0.."
                    + chunkArrivalNanos.length);
        }
    }

    /** This record with another outcome, e.g. a cancel that was really a cut. */
    public RequestRecord withError(RequestError newError) {
        return new RequestRecord(index, requestId, warmup, streaming, intendedStartNanos, startNanos, endNanos,
                chunkArrivalNanos, chunkReadIndexes, serverInputTokens, serverOutputTokens, requestedInputTokens,
                requestedOutputTokens, outputText, newError, reasoningChunks, serverReasoningTokens, sessionId,
                turnIndex, serverCachedTokens, model, url);
    }

    /** True for a turn of a multi-turn session. */
    public boolean sessionTurn() {
        return sessionId != null;
    }

    /** True for an attempt the server never processed and that was sent again: not a request outcome. */
    public boolean resent() {
        return error != null && error.kind() == ErrorKind.RESENT;
    }

    public boolean succeeded() {
        return error == null;
    }

    /** True when the client closed the request on purpose mid-flight: not a success, and not an error either. */
    public boolean cancelledByClient() {
        return error != null && error.kind() == ErrorKind.REQUEST_CANCELLED;
    }

    public int chunkCount() {
        return chunkArrivalNanos.length;
    }

    /** Output tokens: the server's usage count when reported, else one per content chunk. */
    public int outputTokens() {
        return serverOutputTokens >= 0 ? serverOutputTokens : chunkArrivalNanos.length;
    }

    /**
     * Reasoning tokens (counted among {@link #outputTokens()}): the server's
     * {@code completion_tokens_details.reasoning_tokens} when reported, else one per reasoning chunk.
     */
    public int reasoningTokens() {
        return serverReasoningTokens >= 0 ? serverReasoningTokens : reasoningChunks;
    }

    /** True when the response carried reasoning, by its chunks or by the server's usage. */
    public boolean hasReasoning() {
        return reasoningChunks > 0 || serverReasoningTokens > 0;
    }

    /** Input tokens: the server's usage count when reported, else what the client intended to send. */
    public int inputTokens() {
        return serverInputTokens >= 0 ? serverInputTokens : requestedInputTokens;
    }

    /** True when the server reported how many prompt tokens its prefix cache served. */
    public boolean reportedCachedTokens() {
        return serverCachedTokens >= 0;
    }

    public long latencyNanos() {
        return endNanos - startNanos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestRecord r && index == r.index && warmup == r.warmup
                && requestId.equals(r.requestId) && startNanos == r.startNanos && endNanos == r.endNanos
                && Arrays.equals(chunkArrivalNanos, r.chunkArrivalNanos);
    }

    @Override
    public int hashCode() {
        return 31 * requestId.hashCode() + Long.hashCode(startNanos);
    }

    @Override
    public String toString() {
        return "RequestRecord[" + requestId + ", start=" + startNanos + ", end=" + endNanos
                + ", chunks=" + chunkArrivalNanos.length + ", error=" + error + "]";
    }
}
