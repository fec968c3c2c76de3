package dev.tokenperf.profile;

import dev.tokenperf.client.EndpointType;
import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.client.Target;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated profile run: everything the runner needs, nothing parsed from text any more.
 *
 * @param target              the server
 * @param model               model name, or null to ask the server's {@code /v1/models}
 * @param endpoint            chat or completions
 * @param streaming           whether to ask for SSE streams
 * @param headers             auth and user headers (values never exported)
 * @param extraInputs         merged into every request body
 * @param requestTimeout      per-request timeout
 * @param insecure            skip TLS verification
 * @param concurrency         connections, one request in flight each
 * @param requestCount        measured requests, or 0 for no count limit
 * @param durationNanos       how long to keep sending, or 0 for no time limit
 * @param warmupRequestCount  unmeasured requests sent first
 * @param isl                 prompt length in tokens
 * @param osl                 max_tokens, or -1 to leave the server's default
 */
public record ProfileSettings(Target target, String model, EndpointType endpoint, boolean streaming,
                              RequestHeaders headers, Map<String, Object> extraInputs, Duration requestTimeout,
                              boolean insecure, int concurrency, long requestCount, long durationNanos,
                              int warmupRequestCount, int isl, int osl) {

    /** Distinct prompts prepared per phase; longer runs cycle through them. */
    public static final int MAX_DISTINCT_PROMPTS = 1000;

    public ProfileSettings {
        extraInputs = Map.copyOf(extraInputs);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency (" + concurrency + ") must be > 0");
        }
    }

    /** The same settings for a resolved model name. */
    public ProfileSettings withModel(String resolvedModel) {
        return new ProfileSettings(target, resolvedModel, endpoint, streaming, headers, extraInputs, requestTimeout,
                insecure, concurrency, requestCount, durationNanos, warmupRequestCount, isl, osl);
    }

    /** The same settings against another server (e.g. the emulator started for {@code --emulate}). */
    public ProfileSettings withTarget(Target newTarget) {
        return new ProfileSettings(newTarget, model, endpoint, streaming, headers, extraInputs, requestTimeout,
                insecure, concurrency, requestCount, durationNanos, warmupRequestCount, isl, osl);
    }

    /** The same requests under another load: concurrency, stop limits and warmup. */
    public ProfileSettings withLoad(int newConcurrency, long newRequestCount, long newDurationNanos,
                                    int newWarmupRequestCount) {
        return new ProfileSettings(target, model, endpoint, streaming, headers, extraInputs, requestTimeout, insecure,
                newConcurrency, newRequestCount, newDurationNanos, newWarmupRequestCount, isl, osl);
    }

    /** The configuration as saved with results, in aiperf's {@code input_config} shape; no secrets. */
    public Map<String, Object> toConfiguration() {
        Map<String, Object> endpointMap = new LinkedHashMap<>();
        endpointMap.put("model_names", model == null ? List.of() : List.of(model));
        endpointMap.put("type", endpoint.option());
        endpointMap.put("streaming", streaming);
        endpointMap.put("url", target.toString());
        endpointMap.put("route", endpoint.route());
        endpointMap.put("headers", headers.redacted());
        endpointMap.put("request_timeout_s", requestTimeout.toMillis() / 1000d);
        endpointMap.put("insecure", insecure);

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("isl", isl);
        input.put("osl", osl < 0 ? null : osl);
        input.put("extra_inputs", new LinkedHashMap<>(extraInputs));
        input.put("prompts", "synthetic");

        Map<String, Object> loadgen = new LinkedHashMap<>();
        loadgen.put("mode", "concurrency");
        loadgen.put("concurrency", concurrency);
        loadgen.put("request_count", requestCount == 0 ? null : requestCount);
        loadgen.put("benchmark_duration_s", durationNanos == 0 ? null : durationNanos / 1e9);
        loadgen.put("warmup_request_count", warmupRequestCount);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("endpoint", endpointMap);
        config.put("input", input);
        config.put("loadgen", loadgen);
        return config;
    }
}
