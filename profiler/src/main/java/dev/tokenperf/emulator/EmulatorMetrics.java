package dev.tokenperf.emulator;

import dev.tokenperf.serving.ServingSchedule;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The emulator's own serving metrics, exposed at {@code GET /metrics} in Prometheus' text format under the
 * names vLLM uses, so server metrics can be tried against known values. Each request is recorded from its
 * {@link ServingSchedule} when its last token is due: TTFT, prefill queue time, prefill compute time, decode
 * time (first to last token) and every inter-token gap. A histogram appears at its first observation, as
 * exporters that label a series per model create it. Besides: requests waiting (arrived, prefill not started:
 * queued for a prefill worker or held by a stall) and running (prefill started, last token not yet due), the
 * prefix-cache queries and hits in prompt tokens, and preemptions, which the emulator never does. It has no
 * KV-cache capacity, so it reports no KV-cache usage. Requests whose client closed the connection before the
 * response was all sent are counted as {@code vllm:request_success_total{finished_reason="abort"}}. Recording is lock-free.
 */
final class EmulatorMetrics {
    /** vLLM's TTFT buckets (seconds), used for every histogram here. */
    private static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
            1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};

    private final String modelLabel;
    private final Histogram ttft = new Histogram("vllm:time_to_first_token_seconds",
            "Histogram of time to first token in seconds.");
    private final Histogram queue = new Histogram("vllm:request_queue_time_seconds",
            "Histogram of time spent in WAITING phase for request.");
    private final Histogram prefill = new Histogram("vllm:request_prefill_time_seconds",
            "Histogram of time spent in PREFILL phase for request.");
    private final Histogram decode = new Histogram("vllm:request_decode_time_seconds",
            "Histogram of time spent in DECODE phase for request.");
    private final Histogram itl = new Histogram("vllm:inter_token_latency_seconds",
            "Histogram of inter-token latency in seconds.");

    private final LongAdder waiting = new LongAdder();
    private final LongAdder running = new LongAdder();
    private final LongAdder prefixCacheQueries = new LongAdder();
    private final LongAdder prefixCacheHits = new LongAdder();
    private final LongAdder aborted = new LongAdder();

    EmulatorMetrics(String modelName) {
        this.modelLabel = "model_name=\"" + modelName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A request arrived and waits for its prefill to start. */
    void queued() {
        waiting.increment();
    }

    /** A request's prefill started, {@code fromQueue} when it had been {@link #queued()}. */
    void started(boolean fromQueue) {
        if (fromQueue) {
            waiting.decrement();
        }
        running.increment();
    }

    /** A prompt of {@code queriedTokens} was looked up in the prefix cache, {@code hitTokens} of them found. */
    void prefixCacheLookup(long queriedTokens, long hitTokens) {
        prefixCacheQueries.add(queriedTokens);
        prefixCacheHits.add(hitTokens);
    }

    /** The client closed a request's connection before its response was all sent: the request is aborted. */
    void aborted() {
        aborted.increment();
    }

    /** Records one {@link #started} request of {@code outputTokens} tokens, finished now. */
    void finished(ServingSchedule s, int outputTokens) {
        running.decrement();
        ttft.observe(s.firstTokenNanos() / 1e9, 1);
        queue.observe(s.prefillQueueNanos() / 1e9, 1);
        prefill.observe(s.prefillComputeNanos() / 1e9, 1);
        decode.observe((s.tokenDueNanos(outputTokens - 1) - s.firstTokenNanos()) / 1e9, 1);
        if (outputTokens >= 2) {
            itl.observe((s.tokenDueNanos(1) - s.tokenDueNanos(0)) / 1e9, 1);
        }
        if (outputTokens >= 3) {
            itl.observe(s.stepNanos() / 1e9, outputTokens - 2);
        }
    }

    /** Every metric in Prometheus text format 0.0.4. */
    String render() {
        StringBuilder out = new StringBuilder(4096);
        for (Histogram h : List.of(ttft, queue, prefill, decode, itl)) {
            h.render(out, modelLabel);
        }
        sample(out, "vllm:num_requests_running", "gauge", "Number of requests in model execution batches.",
                "", running.sum());
        sample(out, "vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.", "",
                waiting.sum());
        sample(out, "vllm:prefix_cache_queries", "counter", "Prefix cache queries, in terms of number of queried "
                + "tokens.", "_total", prefixCacheQueries.sum());
        sample(out, "vllm:prefix_cache_hits", "counter", "Prefix cache hits, in terms of number of cached tokens.",
                "_total", prefixCacheHits.sum());
        // vLLM counts finished requests by reason; an aborted one is a request its client closed
        out.append("# HELP vllm:request_success Count of successfully processed requests.\n");
        out.append("# TYPE vllm:request_success counter\n");
        out.append("vllm:request_success_total{").append(modelLabel).append(",finished_reason=\"abort\"} ")
                .append(aborted.sum()).append('\n');
        // the emulator never preempts a request: a true zero, not a missing metric
        sample(out, "vllm:num_preemptions", "counter", "Cumulative number of preemption from the engine.", "_total",
                0);
        return out.toString();
    }

    private void sample(StringBuilder out, String name, String type, String help, String suffix, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(suffix).append('{').append(modelLabel).append("} ").append(value).append('\n');
    }

    private static final class Histogram {
        private final String name;
        private final String help;
        private final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram(String name, String help) {
            this.name = name;
            this.help = help;
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds, long times) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].add(times);
                    break;
                }
            }
            count.add(times);
            sum.add(seconds * times);
        }

        void render(StringBuilder out, String labels) {
            // the series is created by its first observation (one racing this render shows at the next)
            if (count.sum() == 0) {
                return;
            }
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(" histogram\n");
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += buckets[i].sum();
                out.append(name).append("_bucket{le=\"").append(BUCKETS[i]).append("\",").append(labels)
                        .append("} ").append(cumulative).append('\n');
            }
            // an observation racing this render may be in a bucket but not yet in the count
            long total = Math.max(count.sum(), cumulative);
            out.append(name).append("_bucket{le=\"+Inf\",").append(labels).append("} ").append(total).append('\n');
            out.append(name).append("_sum{").append(labels).append("} ")
                    .append(String.format(Locale.US, "%.9f", sum.sum())).append('\n');
            out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
        }
    }
}
