package dev.tokenperf.cacheprobe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One measured request, as one JSONL line: {@code run_index}, {@code context_tokens}, {@code ttft_seconds}
 * first (the schema other cache-probe tools write), then tokenperf's fields: {@code flushed_before},
 * {@code cached_tokens} when the server reported them, {@code max_ctx_tokens} and {@code warm}.
 *
 * @param runIndex       1 for the cold baseline, then 2, 3, ... for the following requests
 * @param contextTokens  prompt tokens, as the server reported them ({@code usage.prompt_tokens}), else as counted
 * @param ttftNanos      time to first token, stamped as {@code profile} stamps it
 * @param flushedBefore  the cache was flushed just before this request
 * @param cachedTokens   {@code usage.prompt_tokens_details.cached_tokens}, or -1 when the server did not say
 * @param maxCtxTokens   the context limit the document was cut for
 * @param warm           whether the request is expected to find the document cached
 */
public record ProbeRow(int runIndex, int contextTokens, long ttftNanos, boolean flushedBefore, int cachedTokens,
                       int maxCtxTokens, boolean warm) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public double ttftSeconds() {
        return ttftNanos / 1e9;
    }

    /** The JSONL line, without its newline. */
    String toJson() {
        ObjectNode row = MAPPER.createObjectNode()
                .put("run_index", runIndex)
                .put("context_tokens", contextTokens)
                .put("ttft_seconds", ttftSeconds())
                .put("flushed_before", flushedBefore);
        if (cachedTokens >= 0) {
            row.put("cached_tokens", cachedTokens);
        }
        row.put("max_ctx_tokens", maxCtxTokens).put("warm", warm);
        return row.toString();
    }
}
