package dev.tokenperf.reports.servermetrics;

import java.util.List;

/**
 * The serving histograms read from a metrics endpoint, under vLLM's, SGLang's and TensorRT-LLM's names. Each is
 * reported under the name the server exposes it as.
 */
public final class ServerHistograms {
    /** Server-side time to first token, by server. */
    public static final List<String> TTFT = List.of("vllm:time_to_first_token_seconds",
            "sglang:time_to_first_token_seconds", "trtllm_time_to_first_token_seconds");

    /** Every histogram looked for. */
    public static final List<String> ALL = List.of("vllm:time_to_first_token_seconds",
            "vllm:request_queue_time_seconds", "vllm:request_prefill_time_seconds",
            "vllm:request_decode_time_seconds", "vllm:inter_token_latency_seconds",
            "sglang:time_to_first_token_seconds", "sglang:queue_time_seconds", "sglang:inter_token_latency_seconds",
            "trtllm_time_to_first_token_seconds", "trtllm_request_queue_time_seconds");

    private ServerHistograms() {
    }
}
