package dev.tokenperf.cli;

import dev.tokenperf.reports.plan.EndpointType;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where and how to reach the server: shared by every command that talks to one. */
public final class TargetOptions {
    @Option(names = {"-u", "--url"}, paramLabel = "URL", defaultValue = "http://localhost:8000",
            description = "Server base URL (http or https; a trailing /v1 is accepted). Repeat it for several "
                    + "replicas: requests are spread over them by --url-strategy, a multi-turn session stays on "
                    + "one, and statistics are also kept per URL. Default: ${DEFAULT-VALUE}.")
    List<String> urls;

    @Option(names = "--url-strategy", paramLabel = "S", defaultValue = "round_robin",
            description = "How each request picks one of several --url servers: round_robin (request i goes to "
                    + "URL i mod n) or random (seeded by --random-seed). Default: ${DEFAULT-VALUE}.")
    String urlStrategy;

    @Option(names = {"-m", "--model", "--model-names"}, paramLabel = "NAME", split = ",",
            description = "Model name sent in requests; several (comma-separated and/or repeated, as aiperf's "
                    + "--model-names) spread requests over LoRA adapters or a multi-model server, picked by "
                    + "--model-selection-strategy. Default: the first id from GET /v1/models.")
    List<String> models = new ArrayList<>();

    @Option(names = "--model-selection-strategy", paramLabel = "S", defaultValue = "round_robin",
            description = "How each request picks one of several --model names: round_robin (in turn) or random "
                    + "(seeded by --random-seed). Default: ${DEFAULT-VALUE}.")
    String modelSelectionStrategy;

    @Option(names = "--endpoint-type", defaultValue = "chat",
            description = "API to profile: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    EndpointType endpointType;

    @Option(names = {"--batch-size", "--batch-size-text"}, paramLabel = "N", defaultValue = "1",
            description = "Texts per request for --endpoint-type embeddings (aiperf's --batch-size-text). "
                    + "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--streaming", description = "Ask for SSE streams (needed for TTFT, TTST, ITL; not for "
            + "embeddings).")
    boolean streaming;

    @Option(names = "--api-key", defaultValue = "${env:OPENAI_API_KEY}",
            description = "API key (default: $OPENAI_API_KEY): a bearer token, or x-api-key for --endpoint-type "
                    + "messages. Never written to outputs or logs.")
    String apiKey;

    @Option(names = {"-H", "--header"}, paramLabel = "K:V",
            description = "Extra request header, repeatable. Values are never written to outputs; framing "
                    + "headers (Content-Length, Host, Transfer-Encoding, Connection, ...) are refused.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--extra-inputs", paramLabel = "k:v",
            description = "Merged into every request body, repeatable; the value is JSON when it parses "
                    + "(ignore_eos:true, min_tokens:200), else a string.")
    List<String> extraInputs = new ArrayList<>();

    @Option(names = {"--request-timeout", "--request-timeout-seconds"}, paramLabel = "S", defaultValue = "600",
            description = "Seconds before a request is failed as a timeout. Default: ${DEFAULT-VALUE}.")
    double requestTimeoutSeconds;

    @Option(names = "--wait-for-model-timeout", paramLabel = "S", converter = PositiveSeconds.class,
            description = "Before sending any prompt, ask GET /v1/models every 0.5 s until it answers 2xx, for up "
                    + "to S seconds (a server still loading its model); then fail the run. Default: ask once.")
    Duration waitForModel;

    @Option(names = "--request-cancellation-rate", paramLabel = "P", defaultValue = "0",
            description = "Percent of measured requests the client gives up on mid-flight, as aiperf (spread "
                    + "evenly). Default: ${DEFAULT-VALUE}.")
    double requestCancellationRate;

    @Option(names = "--request-cancellation-delay", paramLabel = "S", defaultValue = "0",
            description = "Seconds after sending that a request chosen by --request-cancellation-rate is closed. "
                    + "Default: ${DEFAULT-VALUE}.")
    double requestCancellationDelaySeconds;

    @Option(names = "--insecure", description = "Skip TLS certificate verification for https.")
    boolean insecure;
}
