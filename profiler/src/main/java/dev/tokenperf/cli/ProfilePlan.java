package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.client.Target;
import dev.tokenperf.reports.export.SweepPoint;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.plan.ClientSettings;
import dev.tokenperf.reports.plan.Conversations;
import dev.tokenperf.reports.plan.Endpoint;
import dev.tokenperf.reports.plan.RequestCancellation;
import dev.tokenperf.reports.plan.InFlightCap;
import dev.tokenperf.reports.plan.Limits;
import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.ModelSelection;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.StopConditions;
import dev.tokenperf.reports.plan.UrlSelection;
import dev.tokenperf.reports.plan.Warmup;
import dev.tokenperf.reports.plan.Workload;
import dev.tokenperf.workloads.dataset.DatasetType;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import dev.tokenperf.workloads.schedule.TraceReader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code profile} flags turned into a {@link RunPlan}: single-flag rules live in the plan's compact
 * constructors, the rules between flags here; either way a bad value is a {@link UsageException} naming the flag.
 * It also builds what must stay out of the saved plan: the secret headers and a replayed trace's entries.
 *
 * @param plan    the first run (the first value of a swept option)
 * @param headers auth and user headers
 * @param trace   the entries of {@code --fixed-schedule} (of a trace of sessions, their first lines), or empty
 * @param sweep   the swept option and its values, or null
 */
record ProfilePlan(RunPlan plan, RequestHeaders headers, List<TraceEntry> trace, Sweep sweep) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The swept option ({@code concurrency} or {@code request_rate}) and its values. */
    record Sweep(String parameter, List<Double> values) {
        boolean byConcurrency() {
            return parameter.equals("concurrency");
        }
    }

    /** Everything {@code profile} parsed, as picocli filled it. */
    record Flags(TargetOptions target, LoadOptions load, WorkloadOptions workload, PromptOptions prompts,
                 ConversationOptions conversations, DatasetOptions datasets,
                 LoadModelOptions model, RunControlOptions control, ShardOptions shards, boolean emulate,
                 boolean urlGiven, boolean concurrencyGiven, int localServerThreads) {
    }

    /** Checks every flag and builds the plan; the first bad value throws a {@link UsageException}. */
    static ProfilePlan of(Flags f, long seed) {
        checkCombinations(f);
        DatasetType datasetType = usage(() -> DatasetType.fromOption(f.datasets().datasetType));
        Path schedule = f.model().fixedSchedule;
        boolean traceSessions = traceHasSessions(f, datasetType);
        if (schedule != null && !traceSessions && f.conversations().flags().any()) {
            throw new UsageException("--fixed-schedule " + schedule + " has no session_id lines, so it replays single "
                    + "requests; drop --conversation-* (sessions replay from a trace whose lines name them)");
        }
        String fileType = schedule != null ? DatasetType.MOONCAKE_TRACE.option()
                : f.datasets().inputFile == null ? null : datasetType.option();
        boolean fileSessions = traceSessions
                || (f.datasets().inputFile != null && datasetType == DatasetType.MULTI_TURN);
        Conversations conversations = usage(() -> Conversations.of(f.conversations().flags(), fileType, fileSessions,
                f.load().requestCount != null));
        // a replay of sessions schedules their first turns; later turns follow their sessions
        List<TraceEntry> trace = schedule == null ? List.of() : traceSessions
                ? usage(() -> TraceReader.readSessions(schedule).stream().map(s -> s.get(0)).toList(),
                        "--fixed-schedule ")
                : usage(() -> TraceReader.read(schedule), "--fixed-schedule ");
        LoadModel load = usage(() -> loadModel(f, seed, trace.size()));
        StopConditions stop = usage(() -> stop(f, load));
        Warmup warmup = usage(() -> Warmup.of(f.load().warmupRequestCount, f.model().warmupDurationSeconds));
        ClientSettings client = usage(() -> new ClientSettings(f.control().clientThreads(f.localServerThreads()),
                f.control().maxClientLagMillis));
        Workload workload = usage(() -> new Workload(f.workload().isl, f.workload().osl == null ? -1
                : f.workload().osl, f.prompts().islStddev, f.prompts().oslStddev, f.prompts().seqDist,
                f.prompts().sharedPrefixTokens, f.prompts().prefixPromptCount, seed, conversations));
        RequestHeaders headers = usage(() -> RequestHeaders.of(f.target().endpointType, f.target().apiKey,
                f.target().headers), "-H/--header: ");
        Endpoint endpoint = endpoint(f, headers);
        RunPlan whole = usage(() -> new RunPlan(endpoint, workload, load, stop, warmup, client, null));
        RunPlan plan = usage(() -> whole.sharded(f.shards().shard(), f.shards().startAt(Instant.now())));
        // a shard left nothing to do is refused now, before any load
        usage(plan::share);
        return new ProfilePlan(plan, headers, trace, sweep(f));
    }

    /** The same plan judged by goodput {@code slos} (null for none). */
    ProfilePlan withGoodput(GoodputSlos slos) {
        return new ProfilePlan(plan.withGoodput(slos), headers, trace, sweep);
    }

    /** The same plan against another server (e.g. the emulator started for {@code --emulate}). */
    ProfilePlan withUrl(String url) {
        return new ProfilePlan(plan.withEndpoint(plan.endpoint().withUrl(Target.parse(url).toString())), headers,
                trace, sweep);
    }

    /** The plan of one sweep point: the swept value set, and the stop conditions that depend on it. */
    RunPlan at(Flags f, double value) {
        LoadModel load = sweep.byConcurrency() ? plan.load().withConcurrency((int) value)
                : ((LoadModel.OpenLoop) plan.load()).withRate(value);
        RunPlan point = plan.withLoad(load, usage(() -> stop(f, load)));
        usage(point::share);
        return point;
    }

    /** The count is of requests, or of sessions in a session run (the plan refuses both flags together). */
    private static StopConditions stop(Flags f, LoadModel load) {
        Integer count = f.load().requestCount != null ? f.load().requestCount : f.conversations().conversationNum;
        return StopConditions.of(count, f.load().benchmarkDurationSeconds,
                f.control().gracePeriodSeconds, f.control().failedRequestThreshold, f.control().failedRequestRatio,
                load);
    }

    /** Whether the mooncake trace replayed ({@code --fixed-schedule}) or read ({@code --input-file}) names sessions. */
    private static boolean traceHasSessions(Flags f, DatasetType datasetType) {
        if (f.model().fixedSchedule != null) {
            return usage(() -> MooncakeTraceReader.hasSessions(MooncakeTraceReader.read(f.model().fixedSchedule)),
                    "--fixed-schedule ");
        }
        return f.datasets().inputFile != null && datasetType == DatasetType.MOONCAKE_TRACE
                && usage(() -> MooncakeTraceReader.hasSessions(MooncakeTraceReader.read(f.datasets().inputFile)),
                "--input-file ");
    }

    /** The rules between load flags. */
    private static void checkCombinations(Flags f) {
        LoadModelOptions o = f.model();
        if (o.fixedSchedule != null && o.requestRate != null) {
            throw new UsageException("--fixed-schedule replays the trace's own times; drop --request-rate");
        }
        if (o.fixedSchedule != null && f.load().concurrency.size() > 1) {
            throw new UsageException("--fixed-schedule cannot be swept over --concurrency");
        }
        if (o.requestRateRampSeconds != null && o.requestRate == null) {
            throw new UsageException("--request-rate-ramp-duration needs --request-rate");
        }
        if (o.concurrencyRampSeconds != null && (o.requestRate != null || o.fixedSchedule != null)) {
            throw new UsageException("--concurrency-ramp-duration is for closed loop (no --request-rate or "
                    + "--fixed-schedule)");
        }
        if (f.emulate() && f.urlGiven()) {
            throw new UsageException("--emulate starts its own server; drop --url or --emulate");
        }
    }

    /**
     * The load of the first value of each list (every value is checked). {@code --concurrency} means connections
     * in a closed loop and, only when given, a cap on requests in flight otherwise.
     */
    private static LoadModel loadModel(Flags f, long seed, int traceEntries) {
        LoadModelOptions o = f.model();
        f.load().concurrency.forEach(LoadModel::requireConcurrency);
        int concurrency = f.load().concurrency.get(0);
        InFlightCap cap = new InFlightCap(concurrency, f.concurrencyGiven());
        ArrivalPattern pattern = usage(() -> ArrivalPattern.parse(o.arrivalPattern), "--arrival-pattern ");
        if (o.fixedSchedule != null) {
            return new LoadModel.TraceReplay(traceEntries, o.fixedScheduleSpeedup, cap);
        }
        if (o.requestRate != null) {
            double ramp = o.requestRateRampSeconds == null ? 0 : o.requestRateRampSeconds;
            return o.requestRate.stream()
                    .map(rate -> new LoadModel.OpenLoop(rate, pattern, o.arrivalSmoothness, seed, ramp, cap))
                    .toList().get(0);
        }
        return new LoadModel.ClosedLoop(concurrency, o.concurrencyRampSeconds == null ? 0 : o.concurrencyRampSeconds);
    }

    private static Endpoint endpoint(Flags f, RequestHeaders headers) {
        TargetOptions t = f.target();
        List<String> urls = t.urls.stream().map(u -> usage(() -> Target.parse(u), "--url ").toString()).toList();
        Map<String, Object> extra = new LinkedHashMap<>();
        for (String text : t.extraInputs) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--extra-inputs '" + text + "' must be key:value (e.g. ignore_eos:true)");
            }
            extra.put(text.substring(0, colon).trim(), jsonOrString(text.substring(colon + 1).trim()));
        }
        refuseSeveralChoices(extra);
        return usage(() -> new Endpoint(new UrlSelection(urls, ModelSelection.Strategy.ofOption(t.urlStrategy,
                UrlSelection.FLAG)), new ModelSelection(t.models,
                ModelSelection.Strategy.ofOption(t.modelSelectionStrategy)), t.endpointType, t.streaming,
                headers.redacted(), extra,
                Duration.ofMillis(Math.round(Limits.positive("--request-timeout", t.requestTimeoutSeconds,
                        Limits.MAX_SECONDS, "seconds") * 1000)), t.insecure,
                new RequestCancellation(t.requestCancellationRate,
                        Duration.ofMillis(Math.round(t.requestCancellationDelaySeconds * 1000))), t.batchSize));
    }

    /**
     * Several choices per request ({@code n} or {@code best_of} above 1) would interleave their chunks in one
     * stream, doubling the output length and halving the ITL that tokenperf measures: refused before any load.
     */
    private static void refuseSeveralChoices(Map<String, Object> extra) {
        for (String key : List.of("n", "best_of")) {
            if (extra.get(key) instanceof Number choices && choices.doubleValue() > 1) {
                throw new UsageException("--extra-inputs " + key + ":" + choices + " asks for several choices per "
                        + "request; tokenperf times one choice per request, so use " + key + ":1 (or leave it out)");
            }
        }
    }

    private static Sweep sweep(Flags f) {
        boolean concurrencyList = f.load().concurrency.size() > 1;
        boolean rateList = f.model().requestRate != null && f.model().requestRate.size() > 1;
        if (concurrencyList && rateList) {
            throw new UsageException("sweep one option at a time: --concurrency and --request-rate both list values");
        }
        if (concurrencyList) {
            return distinct("--concurrency", new Sweep("concurrency",
                    f.load().concurrency.stream().map(Integer::doubleValue).toList()));
        }
        return rateList ? distinct("--request-rate", new Sweep("request_rate", f.model().requestRate)) : null;
    }

    /**
     * Each value of a sweep writes the directory named by its label, so a value listed twice (as when flags after
     * an args file add to its list) would overwrite its first result.
     */
    private static Sweep distinct(String flag, Sweep sweep) {
        Set<String> seen = new HashSet<>();
        for (double value : sweep.values()) {
            String label = SweepPoint.label(value);
            if (!seen.add(label)) {
                throw new UsageException(flag + " lists " + label + " twice (" + sweep.values().stream()
                        .map(SweepPoint::label).collect(Collectors.joining(",")) + "); each value runs once, into "
                        + sweep.parameter() + "_" + label + "/");
            }
        }
        return sweep;
    }

    private static Object jsonOrString(String raw) {
        try {
            Object value = MAPPER.readValue(raw, Object.class);
            return value == null ? raw : value;
        } catch (IOException e) {
            return raw;
        }
    }

    /** Runs a plan constructor; its message (which names the flag) becomes a usage error. */
    private static <T> T usage(Supplier<T> build) {
        return usage(build, "");
    }

    /** Runs a parser whose message lacks the flag: the usage error starts with {@code flag}. */
    private static <T> T usage(Supplier<T> build, String flag) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + e.getMessage());
        }
    }
}
