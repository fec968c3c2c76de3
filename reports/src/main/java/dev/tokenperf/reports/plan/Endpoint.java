package dev.tokenperf.reports.plan;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The server and what every request carries. Header values are secrets and never enter the plan: it holds
 * their redacted form only, and the profiler keeps the real headers beside it.
 *
 * @param urls           the server base URL(s) as given (checked by the profiler's {@code Target}) and how each
 *                       request picks one
 * @param models         the model(s) requests name and how each picks one; none to ask the server's
 *                       {@code /v1/models}
 * @param type           the API ({@code --endpoint-type})
 * @param streaming      whether to ask for SSE streams
 * @param headers        header names with redacted values
 * @param extraInputs    merged into every request body
 * @param requestTimeout per-request timeout
 * @param insecure       skip TLS verification
 * @param cancellation   which requests the client gives up on, and when
 * @param batchSize      texts per embeddings request ({@code --batch-size}); 1 for every other API
 */
public record Endpoint(UrlSelection urls, ModelSelection models, EndpointType type, boolean streaming,
                       List<String> headers, Map<String, Object> extraInputs, Duration requestTimeout, boolean insecure,
                       RequestCancellation cancellation, int batchSize) {

    /** An endpoint of one server. */
    public Endpoint(String url, ModelSelection models, EndpointType type, boolean streaming, List<String> headers,
                    Map<String, Object> extraInputs, Duration requestTimeout, boolean insecure,
                    RequestCancellation cancellation, int batchSize) {
        this(UrlSelection.of(url), models, type, streaming, headers, extraInputs, requestTimeout, insecure,
                cancellation, batchSize);
    }

    /** An endpoint that sends one text per request. */
    public Endpoint(String url, String model, EndpointType type, boolean streaming, List<String> headers,
                    Map<String, Object> extraInputs, Duration requestTimeout, boolean insecure,
                    RequestCancellation cancellation) {
        this(url, ModelSelection.of(model), type, streaming, headers, extraInputs, requestTimeout, insecure,
                cancellation, 1);
    }

    /** An endpoint whose requests are never cancelled by the client. */
    public Endpoint(String url, String model, EndpointType type, boolean streaming, List<String> headers,
                    Map<String, Object> extraInputs, Duration requestTimeout, boolean insecure) {
        this(url, model, type, streaming, headers, extraInputs, requestTimeout, insecure, RequestCancellation.NONE);
    }

    public Endpoint {
        Objects.requireNonNull(urls, "urls");
        Objects.requireNonNull(cancellation, "cancellation");
        if (streaming && !type.generates()) {
            throw new IllegalArgumentException("--streaming does not apply to --endpoint-type " + type
                    + ": its response is one whole body");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (batchSize > 1 && type != EndpointType.EMBEDDINGS) {
            throw new IllegalArgumentException("--batch-size applies to --endpoint-type embeddings only, got "
                    + batchSize + " with " + type);
        }
        Objects.requireNonNull(models, "models");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("--request-timeout must be > 0 seconds, got "
                    + requestTimeout.toMillis() / 1000d);
        }
        headers = List.copyOf(headers);
        extraInputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraInputs));
    }

    /** The first server: the one asked for its models, scraped for its metrics, and the only one of most runs. */
    public String url() {
        return urls.first();
    }

    /** The first model requests name, or null to ask the server. */
    public String model() {
        return models.first();
    }

    /** The same endpoint with the model the server named. */
    public Endpoint withModel(String resolvedModel) {
        return new Endpoint(urls, ModelSelection.of(resolvedModel), type, streaming, headers, extraInputs,
                requestTimeout, insecure, cancellation, batchSize);
    }

    /** The same endpoint at one other URL (e.g. the emulator started for {@code --emulate}). */
    public Endpoint withUrl(String newUrl) {
        return new Endpoint(newUrl, models, type, streaming, headers, extraInputs, requestTimeout, insecure,
                cancellation, batchSize);
    }
}
