package dev.tokenperf.cacheprobe;

import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.client.Target;
import dev.tokenperf.workloads.prompt.ContextPrompt;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code cache-probe} invocation does, validated: the server, the document and how it is cut,
 * the context limits to probe (one, or a sweep), how many warm requests follow the cold one, whether the cache
 * is flushed after the first, and where rows go.
 *
 * @param target         the server
 * @param headers        request headers (the API key among them, never printed)
 * @param model          the model, or null for the first id of {@code /v1/models}
 * @param document       where the document comes from
 * @param prompt         the question after the document
 * @param contextLimits  context limits in tokens, probed in this order; each must exceed the safety margin
 * @param numFollowing   requests measured after the cold baseline
 * @param flush          flush the cache once after run 1
 * @param out            the JSONL file, cleared at start
 * @param tokenizer      the model's tokenizer, or null to estimate 4 characters per token
 * @param requestTimeout how long one request may take
 */
public record ProbePlan(Target target, RequestHeaders headers, String model, DocumentSource document, String prompt,
                        List<Integer> contextLimits, int numFollowing, boolean flush, Path out, Tokenizer tokenizer,
                        Duration requestTimeout) {
    /** Output tokens asked for in each measured request: enough to see the stream start, cheap to wait for. */
    public static final int MEASURED_OUTPUT_TOKENS = 8;

    /** @throws IllegalArgumentException naming the flag of the first bad value */
    public ProbePlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(out, "out");
        contextLimits = List.copyOf(contextLimits);
        if (contextLimits.isEmpty()) {
            throw new IllegalArgumentException("--context-sizes needs at least one size");
        }
        for (int limit : contextLimits) {
            if (limit <= ContextPrompt.SAFETY_MARGIN_TOKENS) {
                throw new IllegalArgumentException("--max-ctx-tokens/--context-sizes (" + limit + ") must exceed the "
                        + ContextPrompt.SAFETY_MARGIN_TOKENS + "-token safety margin");
            }
        }
        if (numFollowing < 0) {
            throw new IllegalArgumentException("--num-following (" + numFollowing + ") must be >= 0");
        }
        if (flush && numFollowing < 1) {
            throw new IllegalArgumentException("--flush-cache needs --num-following >= 1 (a run after the flush)");
        }
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("--prompt must not be empty");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("--request-timeout (" + requestTimeout.toMillis() / 1e3
                    + ") must be > 0");
        }
    }

    /** The same plan against another server (the emulator started for {@code --emulate}). */
    public ProbePlan withTarget(Target other) {
        return new ProbePlan(other, headers, model, document, prompt, contextLimits, numFollowing, flush, out,
                tokenizer, requestTimeout);
    }

    /** True when several context limits are probed. */
    public boolean isSweep() {
        return contextLimits.size() > 1;
    }
}
