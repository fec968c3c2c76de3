package dev.tokenperf.cli;

import dev.tokenperf.emulator.EmulatorReasoning;
import dev.tokenperf.emulator.EmulatorStall;
import dev.tokenperf.emulator.EmulatorTiming;
import dev.tokenperf.reports.plan.Limits;
import dev.tokenperf.emulator.FaultInjection;
import dev.tokenperf.emulator.InjectedFault;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The emulator's known timing, shared by {@code emulate} and {@code profile --emulate}. */
public final class EmulatorOptions {
    @Option(names = {"--ttft-ms", "--emulate-ttft-ms"}, paramLabel = "MS", defaultValue = "20",
            description = "Emulator: fixed time to first token. Default: ${DEFAULT-VALUE}.")
    double ttftMillis;

    @Option(names = {"--prefill-us-per-token", "--emulate-prefill-us-per-token"}, paramLabel = "US",
            defaultValue = "2", description = "Emulator: extra TTFT per prompt token, microseconds. Default: ${DEFAULT-VALUE}.")
    double prefillMicrosPerToken;

    @Option(names = {"--itl-ms", "--emulate-itl-ms"}, paramLabel = "MS", defaultValue = "5",
            description = "Emulator: gap between tokens. Default: ${DEFAULT-VALUE}.")
    double itlMillis;

    @Option(names = {"--tokens-per-chunk", "--emulate-tokens-per-chunk"}, paramLabel = "N", defaultValue = "1",
            description = "Emulator: tokens carried by each streamed chunk. Default: ${DEFAULT-VALUE}.")
    int tokensPerChunk;

    @Option(names = {"--default-max-tokens", "--emulate-default-max-tokens"}, paramLabel = "N",
            defaultValue = "128", description = "Emulator: output length when a request sets no max_tokens. "
            + "Default: ${DEFAULT-VALUE}.")
    int defaultMaxTokens;

    @Option(names = {"--served-model-name", "--emulate-model-name"}, paramLabel = "NAME",
            defaultValue = "tokenperf-emulated", description = "Emulator: model id served. Default: ${DEFAULT-VALUE}.")
    String modelName;

    @Option(names = {"--reasoning-tokens", "--emulate-reasoning-tokens"}, paramLabel = "N", defaultValue = "0",
            description = "Emulator: chat responses start with N reasoning tokens (part of max_tokens) before the "
                    + "answer. Default: ${DEFAULT-VALUE}.")
    int reasoningTokens;

    @Option(names = {"--reasoning-fraction", "--emulate-reasoning-fraction"}, paramLabel = "F", defaultValue = "0",
            description = "Emulator: with --reasoning-tokens 0, this share of each chat response's tokens is "
                    + "reasoning. Default: ${DEFAULT-VALUE}.")
    double reasoningFraction;

    @Option(names = {"--reasoning-field", "--emulate-reasoning-field"}, paramLabel = "FIELD",
            defaultValue = "reasoning_content", description = "Emulator: the delta field of reasoning tokens: "
            + "reasoning_content or reasoning. Default: ${DEFAULT-VALUE}.")
    String reasoningField;

    @Option(names = {"--emulator-threads"}, paramLabel = "N", defaultValue = "1",
            description = "Emulator: event loop threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--stall-at-request", paramLabel = "N", defaultValue = "0",
            description = "Emulator: hold the N-th completion request (from 1) for --stall-ms before its first "
                    + "token, once. Default: ${DEFAULT-VALUE} (never).")
    long stallAtRequest;

    @Option(names = "--stall-ms", paramLabel = "MS", defaultValue = "2000",
            description = "Emulator: how long the --stall-at-request stall lasts. Default: ${DEFAULT-VALUE}.")
    double stallMillis;

    @Option(names = "--failure-injection-rate", paramLabel = "PERCENT", defaultValue = "0",
            description = "Emulator: fail this percentage (0-100) of completion requests, spread evenly, with the "
                    + "--failure-types in turn (as llm-d-inference-sim). Default: ${DEFAULT-VALUE}.")
    double failureInjectionRate;

    @Option(names = "--failure-types", paramLabel = "TYPE", split = ",",
            description = "Emulator: the failures to inject: rate_limit, invalid_api_key, context_length, "
                    + "server_error, invalid_request, model_not_found (HTTP errors with vLLM's bodies), "
                    + "reset_before_headers, reset_mid_stream, malformed_chunk, error_event, stall_mid_stream, "
                    + "slow_headers, oversize_event, invalid_utf8 (stream faults). Default: all.")
    List<String> failureTypes = new ArrayList<>();

    /** The validated failure injection. */
    FaultInjection faults() {
        try {
            return new FaultInjection(failureInjectionRate,
                    failureTypes.stream().map(InjectedFault::parse).toList());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().startsWith("--") ? e.getMessage()
                    : "--failure-types: " + e.getMessage());
        }
    }

    /** The validated one-off stall. */
    EmulatorStall stall() {
        if (stallAtRequest < 0) {
            throw new UsageException("--stall-at-request (" + stallAtRequest + ") must be >= 0");
        }
        UsageException.check(() -> {
            Limits.between("--stall-ms", stallMillis, 0, Limits.MAX_MILLIS, "ms");
        });
        return new EmulatorStall(stallAtRequest, Math.round(stallMillis * 1e6));
    }

    /** The validated timing. */
    EmulatorTiming timing() {
        UsageException.check(() -> {
            Limits.between("--ttft-ms", ttftMillis, 0, Limits.MAX_MILLIS, "ms");
            Limits.between("--itl-ms", itlMillis, 0, Limits.MAX_MILLIS, "ms");
            Limits.between("--prefill-us-per-token", prefillMicrosPerToken, 0, Limits.MAX_MILLIS * 1000, "us");
        });
        if (tokensPerChunk < 1) {
            throw new UsageException("--tokens-per-chunk (" + tokensPerChunk + ") must be >= 1");
        }
        if (defaultMaxTokens < 1) {
            throw new UsageException("--default-max-tokens (" + defaultMaxTokens + ") must be >= 1");
        }
        if (threads < 1) {
            throw new UsageException("--emulator-threads (" + threads + ") must be >= 1");
        }
        return new EmulatorTiming(Math.round(ttftMillis * 1e6), Math.round(prefillMicrosPerToken * 1e3),
                Math.round(itlMillis * 1e6), tokensPerChunk, defaultMaxTokens, modelName, reasoning());
    }

    private EmulatorReasoning reasoning() {
        try {
            return new EmulatorReasoning(reasoningTokens, reasoningFraction, reasoningField);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
