package dev.tokenperf.reports.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.metrics.Goodput;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import dev.tokenperf.workloads.tokenizer.OpenAiModels;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place a run plan becomes {@code input_config} (aiperf's shape, no secrets) and the one place it is
 * read back. Every key of {@code input_config} is written here.
 */
public final class InputConfig {
    /** The section of a sharded (or {@code --start-at}) run: its shard and when and where it started. */
    public static final String SHARD_KEY = "shard";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InputConfig() {
    }

    /** {@code input_config} of a run of {@code plan} (its endpoint's model resolved) that learned {@code facts}. */
    public static Map<String, Object> write(RunPlan plan, RunFacts facts) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("endpoint", endpoint(plan.endpoint()));
        config.put("input", input(plan, facts));
        config.put("loadgen", loadgen(plan, facts));
        config.put("prompt_set_sha256", facts.promptSetSha256());
        config.put("server_model_id", facts.serverModelId());
        if (!plan.shard().whole() || plan.startAt() != null) {
            config.put(SHARD_KEY, shard(plan, facts.clock()));
        }
        if (plan.goodput() != null) {
            config.put(Goodput.CONFIGURATION_KEY, plan.goodput().toConfiguration());
        }
        return config;
    }

    /** True when prompt lengths are only approximate: the embedded default tokenizer and a non-OpenAI model. */
    public static boolean countsApproximate(boolean embeddedDefaultTokenizer, String model) {
        return embeddedDefaultTokenizer && !OpenAiModels.isOpenAi(model);
    }

    private static Map<String, Object> endpoint(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_names", e.models().names());
        m.put("type", e.type().option());
        m.put("streaming", e.streaming());
        m.put("url", e.url());
        if (e.urls().several()) {
            m.put("urls", e.urls().urls());
            m.put("url_strategy", e.urls().strategy().option());
        }
        m.put("route", e.type().route());
        m.put("headers", e.headers());
        m.put("request_timeout_s", e.requestTimeout().toMillis() / 1000d);
        m.put("insecure", e.insecure());
        if (e.models().names().size() > 1) {
            m.put("model_selection_strategy", e.models().strategy().option());
        }
        if (e.type() == EndpointType.EMBEDDINGS) {
            m.put("batch_size", e.batchSize());
        }
        if (e.cancellation().ratePercent() > 0) {
            m.put("request_cancellation_rate", e.cancellation().ratePercent());
            m.put("request_cancellation_delay_s", e.cancellation().delay().toMillis() / 1000d);
        }
        return m;
    }

    private static Map<String, Object> input(RunPlan plan, RunFacts facts) {
        Workload w = plan.workload();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("isl", facts.synthetic() && w.seqDist() == null ? w.isl() : null);
        m.put("osl", w.osl() < 0 ? null : w.osl());
        m.put("extra_inputs", new LinkedHashMap<>(plan.endpoint().extraInputs()));
        m.put("prompts", facts.promptSource());
        m.put("random_seed", w.seed());
        if (facts.synthetic()) {
            m.put("isl_stddev", w.islStddev());
            m.put("osl_stddev", w.oslStddev());
            m.put("seq_dist", w.seqDist());
            m.put("shared_prefix_tokens", w.sharedPrefixTokens());
            m.put("num_prefix_prompts", w.sharedPrefixTokens() == 0 ? null : w.prefixPromptCount());
        }
        Conversations sessions = w.conversations();
        if (sessions != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("num", plan.stop().requestCount() == 0 ? null : plan.stop().requestCount());
            c.put("turn_mean", sessions.turnMean());
            c.put("turn_stddev", sessions.turnStddev());
            c.put("turn_delay_mean_ms", sessions.delayMeanMillis());
            c.put("turn_delay_stddev_ms", sessions.delayStddevMillis());
            c.put("turn_delay_ratio", sessions.delayRatio());
            m.put("conversation", c);
        }
        if (facts.tokenizerName() != null) {
            Map<String, Object> tokenizer = new LinkedHashMap<>();
            tokenizer.put("name", facts.tokenizerName());
            tokenizer.put("embedded_default", facts.tokenizerEmbedded());
            tokenizer.put("counts_approximate", countsApproximate(facts.tokenizerEmbedded(), plan.endpoint().model()));
            m.put("tokenizer", tokenizer);
        }
        return m;
    }

    private static Map<String, Object> shard(RunPlan plan, ShardClock clock) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", plan.shard().index());
        m.put("count", plan.shard().count());
        m.put("start_at", plan.startAt() == null ? null : plan.startAt().toString());
        if (clock != null) {
            m.put("host", clock.host());
            m.put("wall_clock_start", clock.wallClockStart().toString());
            m.put("monotonic_origin_ns", clock.monotonicOriginNanos());
            m.put("monotonic_start_ns", clock.monotonicStartNanos());
            m.put("server_date_offset_s", clock.serverDateOffsetSeconds());
        }
        return m;
    }

    private static Map<String, Object> loadgen(RunPlan plan, RunFacts facts) {
        LoadModel load = plan.load();
        StopConditions stop = plan.stop();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", load.mode());
        m.put("concurrency", load.concurrency());
        m.put("request_count", stop.requestCount() == 0 ? null : stop.requestCount());
        m.put("benchmark_duration_s", stop.durationNanos() == 0 ? null : stop.durationNanos() / 1e9);
        m.put("warmup_request_count", plan.warmup().requestCount());
        if (load instanceof LoadModel.OpenLoop open) {
            m.put("request_rate", open.rate());
            m.put("arrival_pattern", open.pattern().option());
            m.put("arrival_smoothness", open.smoothness());
            m.put("random_seed", open.seed());
            m.put("request_rate_ramp_duration_s", open.rampSeconds());
        } else if (load instanceof LoadModel.ClosedLoop closed) {
            m.put("concurrency_ramp_duration_s", closed.rampSeconds());
        } else if (load instanceof LoadModel.TraceReplay trace) {
            m.put("fixed_schedule_entries", trace.entries());
            m.put("fixed_schedule_speedup", trace.speedup());
        }
        if (load.openLoop()) {
            m.put("concurrency_capped", load.concurrencyCapped());
        }
        m.put("warmup_duration_s", plan.warmup().durationNanos() / 1e9);
        m.put("benchmark_grace_period_s", stop.gracePeriodNanos() / 1e9);
        m.put("failed_request_threshold", stop.failedRequestRatio() == 0 ? null : stop.failedRequestRatio());
        m.put("failed_request_count_threshold",
                stop.failedRequestThreshold() == 0 ? null : stop.failedRequestThreshold());
        m.put("max_client_lag_ms", plan.client().maxLagMillis());
        m.put("client_threads", plan.client().threads());
        m.put("client_event_loops_used", facts.clientEventLoopsUsed());
        return m;
    }

    /**
     * Reads {@code input_config} back into the plan's types.
     *
     * @throws IllegalArgumentException when a section or value the plan needs is missing or invalid
     */
    public static SavedPlan read(Map<String, ?> inputConfig) {
        JsonNode config = MAPPER.valueToTree(inputConfig);
        JsonNode e = section(config, "endpoint");
        JsonNode in = section(config, "input");
        JsonNode l = section(config, "loadgen");
        JsonNode names = e.path("model_names");
        List<String> headers = new ArrayList<>();
        e.path("headers").forEach(h -> headers.add(h.asText()));
        Map<String, Object> extra = MAPPER.convertValue(in.path("extra_inputs").isObject() ? in.path("extra_inputs")
                : MAPPER.createObjectNode(), MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class,
                String.class, Object.class));
        List<String> models = new ArrayList<>();
        names.forEach(n -> models.add(n.asText()));
        List<String> urls = new ArrayList<>();
        e.path("urls").forEach(u -> urls.add(u.asText()));
        if (urls.isEmpty()) {
            urls.add(e.path("url").asText());
        }
        Endpoint endpoint = new Endpoint(new UrlSelection(urls, ModelSelection.Strategy.ofOption(
                e.path("url_strategy").asText("round_robin"), UrlSelection.FLAG)), new ModelSelection(models,
                ModelSelection.Strategy.ofOption(e.path("model_selection_strategy").asText("round_robin"))),
                EndpointType.ofOption(e.path("type").asText()), e.path("streaming").asBoolean(), headers, extra,
                Duration.ofMillis(Math.round(e.path("request_timeout_s").asDouble() * 1000)),
                e.path("insecure").asBoolean(), new RequestCancellation(e.path("request_cancellation_rate").asDouble(0),
                        Duration.ofMillis(Math.round(e.path("request_cancellation_delay_s").asDouble(0) * 1000))),
                e.path("batch_size").asInt(1));
        boolean islSaved = in.path("isl").isNumber();
        JsonNode prefixes = in.path("num_prefix_prompts");
        Workload workload = new Workload(islSaved ? in.path("isl").asInt() : 1,
                in.path("osl").isNumber() ? in.path("osl").asInt() : -1, in.path("isl_stddev").asDouble(0),
                in.path("osl_stddev").asDouble(0), text(in, "seq_dist"), in.path("shared_prefix_tokens").asInt(0),
                prefixes.isNumber() ? prefixes.asInt() : 1, in.path("random_seed").asLong(0),
                conversations(in.path("conversation")));
        JsonNode saved = config.path(Goodput.CONFIGURATION_KEY);
        GoodputSlos goodput = saved.isObject() && !saved.isEmpty()
                ? GoodputSlos.fromConfiguration(MAPPER.convertValue(saved, Map.class)) : null;
        RunPlan plan = new RunPlan(endpoint, workload, load(l),
                new StopConditions(l.path("request_count").asLong(0), seconds(l, "benchmark_duration_s"),
                        seconds(l, "benchmark_grace_period_s"), l.path("failed_request_count_threshold").asLong(0),
                        l.path("failed_request_threshold").asDouble(0)),
                new Warmup(l.path("warmup_request_count").asInt(0), seconds(l, "warmup_duration_s")),
                new ClientSettings(l.path("client_threads").asInt(1), l.path("max_client_lag_ms").asDouble()),
                goodput, shard(config.path(SHARD_KEY)), instant(config.path(SHARD_KEY), "start_at"));
        JsonNode tokenizer = in.path("tokenizer");
        RunFacts facts = new RunFacts(text(in, "prompts"), text(tokenizer, "name"),
                tokenizer.path("embedded_default").asBoolean(false), text(config, "prompt_set_sha256"),
                text(config, "server_model_id"), l.path("client_event_loops_used").asInt(0),
                clock(config.path(SHARD_KEY)));
        return new SavedPlan(plan, facts, islSaved);
    }

    private static Conversations conversations(JsonNode c) {
        return !c.isObject() ? null : new Conversations(c.path("turn_mean").asInt(1), c.path("turn_stddev").asDouble(0),
                c.path("turn_delay_mean_ms").asDouble(0), c.path("turn_delay_stddev_ms").asDouble(0),
                c.path("turn_delay_ratio").asDouble(1));
    }

    private static LoadModel load(JsonNode l) {
        int concurrency = l.path("concurrency").asInt(1);
        InFlightCap cap = new InFlightCap(concurrency, l.path("concurrency_capped").asBoolean(false));
        return switch (l.path("mode").asText()) {
            case "concurrency" -> new LoadModel.ClosedLoop(concurrency, l.path("concurrency_ramp_duration_s")
                    .asDouble(0));
            case "request_rate" -> new LoadModel.OpenLoop(l.path("request_rate").asDouble(),
                    ArrivalPattern.parse(l.path("arrival_pattern").asText()), l.path("arrival_smoothness").asDouble(),
                    l.path("random_seed").asLong(), l.path("request_rate_ramp_duration_s").asDouble(0), cap);
            case "fixed_schedule" -> new LoadModel.TraceReplay(l.path("fixed_schedule_entries").asInt(),
                    l.path("fixed_schedule_speedup").asDouble(), cap);
            default -> throw new IllegalArgumentException("unknown loadgen.mode '" + l.path("mode").asText() + "'");
        };
    }

    private static Shard shard(JsonNode s) {
        return s.isObject() ? new Shard(s.path("index").asInt(), s.path("count").asInt()) : Shard.WHOLE;
    }

    private static ShardClock clock(JsonNode s) {
        if (!s.path("wall_clock_start").isTextual()) {
            return null;
        }
        JsonNode offset = s.path("server_date_offset_s");
        return new ShardClock(text(s, "host"), instant(s, "wall_clock_start"), s.path("monotonic_origin_ns").asLong(),
                s.path("monotonic_start_ns").asLong(), offset.isNumber() ? offset.asLong() : null);
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Instant.parse(text);
    }

    private static JsonNode section(JsonNode config, String name) {
        JsonNode node = config.path(name);
        if (!node.isObject()) {
            throw new IllegalArgumentException("input_config." + name + " is missing");
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static long seconds(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? Math.round(v.asDouble() * 1e9) : 0;
    }
}
