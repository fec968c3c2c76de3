package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.client.Target;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.load.LoadCounters;
import dev.tokenperf.load.PhaseLimits;
import dev.tokenperf.profile.LoadModel;
import dev.tokenperf.profile.ProfileRunner;
import dev.tokenperf.profile.ProfileSettings;
import dev.tokenperf.reports.export.ConsoleTable;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.export.SweepPoint;
import dev.tokenperf.reports.export.SweepReport;
import dev.tokenperf.reports.gate.GateCheck;
import dev.tokenperf.reports.metrics.Goodput;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.metrics.RunSummarizer;
import dev.tokenperf.reports.metrics.RunSummary;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.record.StopReport;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.workloads.prompt.PromptSet;
import dev.tokenperf.workloads.tokenizer.Tokenizer;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;
import dev.tokenperf.workloads.schedule.TraceReader;
import dev.tokenperf.stages.ServerSideCollector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code tokenperf profile}: drives a server at a fixed concurrency, prints the statistics table and writes
 * {@code summary.json}, {@code summary.csv} and {@code records.jsonl}. Ctrl-C stops the run and still
 * writes the results so far.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Profile an OpenAI-compatible server: closed loop at a concurrency, open loop at a request "
                + "rate, or a replayed trace; lists of values run a sweep.")
public final class ProfileCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    LoadOptions load;

    @Mixin
    WorkloadOptions workload;

    @Mixin
    TokenizerOptions tokenizerOptions;

    @Mixin
    PromptOptions prompts;

    @Mixin
    DatasetOptions datasets;

    @Mixin
    LoadModelOptions loadModel;

    @Mixin
    RunControlOptions control;

    @Mixin
    OutputOptions output;

    @Option(names = "--emulate",
            description = "Start the built-in emulator on a free 127.0.0.1 port and profile it (ignores --url).")
    boolean emulate;

    @Mixin
    EmulatorOptions emulator;

    @Mixin
    GoodputOptions goodput;

    @Mixin
    GateOptions gates;

    @Mixin
    PlotOptions plots;

    private List<GateCheck> checks = List.of();
    private GoodputSlos slos;

    @Mixin
    ServingModelOptions serving;

    @Mixin
    StageOptions stages;

    /** Stage reports and server metrics of the current invocation (inactive unless asked for). */
    private ServerSideCollector serverSide;

    @Override
    public Integer call() throws Exception {
        long seed = prompts.randomSeed != null ? prompts.randomSeed : new SecureRandom().nextLong();
        LoadModel model = loadModel(seed);
        ProfileSettings settings = settings(load.concurrency.get(0), model);
        PromptSetFactory.validate(prompts, datasets, workload.isl);
        Sweep sweep = sweep();
        if (gates.any()) {
            checks = gates.checks();
        }
        slos = goodput.slos(gates.any() ? gates.fileGoodput() : null);
        PrintWriter out = spec.commandLine().getOut();
        EmulatorServer server = null;
        try (Tokenizer tokenizer = tokenizerOptions.open(); ServerSideCollector collector = stages.open()) {
            serverSide = collector;
            out.println("tokenizer: " + tokenizer.name() + (tokenizer.isEmbeddedDefault()
                    ? " (embedded default; counts are approximate unless the model is an OpenAI one)" : "")
                    + ", random seed " + seed);
            if (collector.reportUrl() != null) {
                out.println("stage reports: POST " + collector.reportUrl());
            }
            out.flush();
            Workload work = new Workload(tokenizer, seed);
            if (emulate) {
                ServingModel servingModel = serving.model();
                server = EmulatorServer.start(emulator.timing(), servingModel, collector.reportUrl(),
                        serving.truthEvent, emulator.stall(), 0, emulator.threads, null);
                collector.watchEmulator(server.stats()::lateness);
                settings = settings.withTarget(Target.parse(server.url()));
                out.println("emulator: " + server.url() + " (ttft " + emulator.ttftMillis + " ms + "
                        + emulator.prefillMicrosPerToken + " us/prompt token, itl " + emulator.itlMillis + " ms, "
                        + emulator.tokensPerChunk + " token(s)/chunk; " + ServingModelOptions.describe(servingModel) + ")");
            }
            serverSide.resolveAgainst(settings.target().toString());
            if (sweep == null) {
                return profile(settings, model, work, out, null);
            }
            return runSweep(sweep, settings, model, work, out);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The tokenizer that builds and counts prompts, and the seed of prompts and schedules. */
    private record Workload(Tokenizer tokenizer, long seed) {
    }

    /** The swept option and its values, or null when no option lists more than one value. */
    private record Sweep(String parameter, List<Double> values) {
    }

    private Sweep sweep() {
        boolean concurrencyList = load.concurrency.size() > 1;
        boolean rateList = loadModel.requestRate != null && loadModel.requestRate.size() > 1;
        if (concurrencyList && rateList) {
            throw new UsageException("sweep one option at a time: --concurrency and --request-rate both list values");
        }
        if (concurrencyList) {
            return new Sweep("concurrency", load.concurrency.stream().map(Integer::doubleValue).toList());
        }
        return rateList ? new Sweep("request_rate", loadModel.requestRate) : null;
    }

    private int runSweep(Sweep sweep, ProfileSettings first, LoadModel model, Workload work, PrintWriter out)
            throws InterruptedException, IOException {
        Path base = output.outputDir != null ? output.outputDir
                : Path.of("artifacts", "sweep-" + sweep.parameter() + "-" + Long.toString(System.currentTimeMillis(), 36));
        List<SweepPoint> points = new ArrayList<>();
        for (double value : sweep.values()) {
            boolean byConcurrency = sweep.parameter().equals("concurrency");
            LoadModel pointModel = byConcurrency ? model : model.withRate(value);
            ProfileSettings pointSettings = settings((int) (byConcurrency ? value : first.concurrency()), pointModel)
                    .withTarget(first.target());
            Path dir = base.resolve(sweep.parameter() + "_" + SweepPoint.label(value));
            out.println();
            out.println("== sweep " + sweep.parameter() + " = " + SweepPoint.label(value));
            RunSummary summary = profileOne(pointSettings, pointModel, work, out, dir);
            points.add(new SweepPoint(sweep.parameter(), value, dir.getFileName().toString(), summary));
            if (summary.result().cancelled() || summary.result().stop().reason().equals("failed_request_threshold")) {
                break;
            }
        }
        SweepReport.write(points, base);
        out.println();
        out.print(SweepReport.render(points));
        out.println("sweep results: " + base.toAbsolutePath().normalize());
        out.flush();
        SweepPoint last = points.get(points.size() - 1);
        failIfAborted(last.summary(), base.resolve(last.dirName()));
        return ExitCodes.OK;
    }

    private int profile(ProfileSettings settings, LoadModel model, Workload work, PrintWriter out, Path dirOverride)
            throws InterruptedException, IOException {
        Path dir = dirOverride != null ? dirOverride : output.outputDir;
        RunSummary summary = profileOne(settings, model, work, out, dir);
        failIfAborted(summary, dir);
        long ok = summary.result().measuredRecords().stream().filter(r -> r.succeeded()).count();
        if (ok == 0 && !summary.result().cancelled()) {
            throw new RunFailedException("every request failed (" + summary.errorCount() + "): "
                    + firstError(summary));
        }
        Path written = dir != null ? dir : defaultDir(summary.result(), settings, model);
        if (plots.plots) {
            Plotter.plot(List.of(ResultDirs.read(written)), written.resolve("plots"), out);
        }
        return gates.any() ? Gatekeeper.gate(written, checks, gates.baseline, slos, gates.junit, out) : ExitCodes.OK;
    }

    private static void failIfAborted(RunSummary summary, Path dir) {
        StopReport stop = summary.result().stop();
        if (stop != null && "failed_request_threshold".equals(stop.reason())) {
            throw new RunFailedException("run aborted: " + stop.message() + " (results written"
                    + (dir == null ? "" : " to " + dir) + ")");
        }
    }

    /** Runs one benchmark, prints its table and writes its result directory (the default one when null). */
    private RunSummary profileOne(ProfileSettings settings, LoadModel model, Workload work, PrintWriter out,
                                  Path dirOrNull) throws InterruptedException, IOException {
        long buildStartNanos = System.nanoTime();
        PromptSetFactory factory = new PromptSetFactory(settings, prompts, datasets, work.tokenizer(), work.seed());
        PromptSet promptSet = model.trace() != null ? factory.forTrace(model.trace(), loadModel.fixedSchedule)
                : factory.build();
        out.printf(Locale.US, "prompts: %d measured + %d warmup (%s), prepared in %.1f s%n",
                promptSet.measured().size(), promptSet.warmup().size(), promptSet.source(),
                (System.nanoTime() - buildStartNanos) / 1e9);
        ProfileRunner runner = new ProfileRunner(control.clientThreads(emulate ? emulator.threads : 0));
        runner.onMeasuredPhase(serverSide::beforeMeasuredPhase);
        CountDownLatch written = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            runner.cancel();
            try {
                written.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tokenperf-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            out.println("profiling " + settings.target() + " (" + settings.endpoint().option()
                    + (settings.streaming() ? ", streaming" : "") + ") " + loadDescription(settings, model)
                    + stopDescription(settings));
            out.flush();
            LoadCounters counters = new LoadCounters();
            RunResult result;
            try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), counters,
                    settings.requestCount(), settings.durationNanos(), control.quiet)) {
                result = WorkloadReport.describe(runner.run(settings, promptSet, model, counters), promptSet,
                        work.tokenizer(), work.seed(), prompts);
            }
            if (serverSide.isActive()) {
                result = result.withServerEvidence(serverSide.afterRun(result.measuredRecords()));
            }
            if (slos != null) {
                result = Goodput.annotate(result, slos);
            }
            RunSummary summary = Goodput.withSavedSlos(RunSummarizer.summarize(result));
            SequenceLengthAccuracy accuracy = WorkloadReport.accuracy(result, work.tokenizer());
            Path dir = dirOrNull != null ? dirOrNull : defaultDir(result, settings, model);
            ResultWriter.write(summary, dir, accuracy);
            out.println();
            out.print(ConsoleTable.render(summary));
            if (runner.resentRequests() > 0) {
                out.println(runner.resentRequests() + " request(s) resent on a fresh connection: the server closed a "
                        + "kept-alive connection before answering them");
            }
            out.println(accuracy.consoleLine());
            accuracy.warnings().forEach(w -> out.println("warning: " + w));
            if (result.cancelled()) {
                out.println("run interrupted: results so far are written");
            }
            out.println("results: " + dir.toAbsolutePath().normalize());
            out.flush();
            return summary;
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is waiting for the latch released above
            }
        }
    }

    private static String firstError(RunSummary summary) {
        return summary.errorExamples().entrySet().stream().findFirst()
                .map(e -> e.getKey().tag() + ": " + e.getValue()).orElse("no request completed");
    }

    private static String stopDescription(ProfileSettings s) {
        StringBuilder text = new StringBuilder();
        if (s.requestCount() > 0) {
            text.append(", ").append(s.requestCount()).append(" requests");
        }
        if (s.durationNanos() > 0) {
            text.append(", for ").append(s.durationNanos() / 1e9).append(" s");
        }
        if (s.warmupRequestCount() > 0) {
            text.append(" after ").append(s.warmupRequestCount()).append(" warmup requests");
        }
        return text.toString();
    }

    private static String loadDescription(ProfileSettings s, LoadModel model) {
        String cap = model.concurrencyCapped() ? ", at most " + s.concurrency() + " in flight" : "";
        if (model.trace() != null) {
            return "replaying " + model.trace().size() + " trace requests at " + model.speedup() + "x" + cap;
        }
        if (model.requestRate() > 0) {
            return "at " + model.requestRate() + " req/s (" + model.pattern().option() + ")" + cap;
        }
        return "at concurrency " + s.concurrency();
    }

    private static Path defaultDir(RunResult result, ProfileSettings settings, LoadModel loadModel) {
        String modelName = String.valueOf(WorkloadReport.model(result));
        String load = loadModel.trace() != null ? "fixed_schedule" : loadModel.requestRate() > 0
                ? "request_rate" + SweepPoint.label(loadModel.requestRate()) : "concurrency" + settings.concurrency();
        String name = modelName.replaceAll("[^A-Za-z0-9._-]", "_") + "-openai-" + settings.endpoint().option()
                + "-" + load;
        return Path.of("artifacts", name);
    }

    /** Checks every flag and builds the settings; a bad value is a {@link UsageException} naming the flag. */
    ProfileSettings settings(int concurrency, LoadModel model) {
        if (concurrency < 1) {
            throw new UsageException("--concurrency must be >= 1, got " + concurrency);
        }
        if (load.requestCount != null && load.requestCount < 1) {
            throw new UsageException("--request-count must be >= 1, got " + load.requestCount);
        }
        if (load.benchmarkDurationSeconds != null && !(load.benchmarkDurationSeconds > 0)) {
            throw new UsageException("--benchmark-duration must be > 0 seconds, got " + load.benchmarkDurationSeconds);
        }
        if (load.warmupRequestCount < 0) {
            throw new UsageException("--warmup-request-count must be >= 0, got " + load.warmupRequestCount);
        }
        if (workload.isl < 1) {
            throw new UsageException("--isl must be >= 1, got " + workload.isl);
        }
        if (workload.osl != null && workload.osl < 1) {
            throw new UsageException("--osl must be >= 1, got " + workload.osl);
        }
        if (!(target.requestTimeoutSeconds > 0)) {
            throw new UsageException("--request-timeout must be > 0 seconds, got " + target.requestTimeoutSeconds);
        }
        if (emulate && spec.commandLine().getParseResult().hasMatchedOption("--url")) {
            throw new UsageException("--emulate starts its own server; drop --url or --emulate");
        }
        if (target.model != null && target.model.isBlank()) {
            throw new UsageException("--model must not be empty");
        }
        Target parsedTarget;
        try {
            parsedTarget = Target.parse(target.url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url " + e.getMessage());
        }
        RequestHeaders headers;
        try {
            headers = RequestHeaders.of(target.apiKey, target.headers);
        } catch (IllegalArgumentException e) {
            throw new UsageException("-H/--header: " + e.getMessage());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (String text : target.extraInputs) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--extra-inputs '" + text + "' must be key:value (e.g. ignore_eos:true)");
            }
            extra.put(text.substring(0, colon).trim(), jsonOrString(text.substring(colon + 1).trim()));
        }
        long durationNanos = load.benchmarkDurationSeconds == null ? 0 : Math.round(load.benchmarkDurationSeconds * 1e9);
        long requestCount = load.requestCount != null ? load.requestCount
                : durationNanos > 0 ? 0 : defaultRequestCount(concurrency, model);
        return new ProfileSettings(parsedTarget, target.model, target.endpointType, target.streaming, headers, extra,
                Duration.ofMillis(Math.round(target.requestTimeoutSeconds * 1000)), target.insecure,
                concurrency, requestCount, durationNanos, load.warmupRequestCount, workload.isl,
                workload.osl == null ? -1 : workload.osl);
    }

    /** Without a count or duration: 10 x concurrency closed loop, 10 s of load at a rate, the whole trace. */
    private static long defaultRequestCount(int concurrency, LoadModel model) {
        if (model.trace() != null) {
            return model.trace().size();
        }
        if (model.requestRate() > 0) {
            return Math.max(10, (long) Math.ceil(10 * model.requestRate()));
        }
        return 10L * concurrency;
    }

    /** Checks the load-model flags and builds the {@link LoadModel} (the first rate when a list is given). */
    LoadModel loadModel(long seed) {
        LoadModelOptions o = loadModel;
        boolean capped = spec.commandLine().getParseResult().hasMatchedOption("--concurrency");
        ArrivalPattern pattern;
        try {
            pattern = ArrivalPattern.parse(o.arrivalPattern);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--arrival-pattern " + e.getMessage());
        }
        if (!(o.arrivalSmoothness > 0) || Double.isInfinite(o.arrivalSmoothness)) {
            throw new UsageException("--arrival-smoothness must be > 0, got " + o.arrivalSmoothness);
        }
        if (o.requestRate != null) {
            for (double rate : o.requestRate) {
                if (!(rate > 0) || Double.isInfinite(rate)) {
                    throw new UsageException("--request-rate must be > 0 requests/s, got " + rate);
                }
            }
        }
        for (int c : load.concurrency) {
            if (c < 1) {
                throw new UsageException("--concurrency must be >= 1, got " + c);
            }
        }
        if (o.fixedSchedule != null && o.requestRate != null) {
            throw new UsageException("--fixed-schedule replays the trace's own times; drop --request-rate");
        }
        if (o.fixedSchedule != null && load.concurrency.size() > 1) {
            throw new UsageException("--fixed-schedule cannot be swept over --concurrency");
        }
        if (!(o.fixedScheduleSpeedup > 0) || Double.isInfinite(o.fixedScheduleSpeedup)) {
            throw new UsageException("--fixed-schedule-speedup must be > 0, got " + o.fixedScheduleSpeedup);
        }
        if (o.requestRateRampSeconds != null && (o.requestRate == null || !(o.requestRateRampSeconds >= 0))) {
            throw new UsageException("--request-rate-ramp-duration needs --request-rate and must be >= 0 seconds");
        }
        if (o.concurrencyRampSeconds != null && (o.requestRate != null || o.fixedSchedule != null
                || !(o.concurrencyRampSeconds >= 0))) {
            throw new UsageException("--concurrency-ramp-duration is for closed loop (no --request-rate or "
                    + "--fixed-schedule) and must be >= 0 seconds");
        }
        if (o.warmupDurationSeconds != null && !(o.warmupDurationSeconds > 0)) {
            throw new UsageException("--warmup-duration must be > 0 seconds, got " + o.warmupDurationSeconds);
        }
        if (!(control.gracePeriodSeconds >= 0)) {
            throw new UsageException("--benchmark-grace-period must be >= 0 seconds, got " + control.gracePeriodSeconds);
        }
        if (control.failedRequestThreshold != null && control.failedRequestThreshold < 1) {
            throw new UsageException("--failed-request-threshold must be >= 1, got " + control.failedRequestThreshold);
        }
        if (control.clientThreads != null && control.clientThreads < 1) {
            throw new UsageException("--client-threads must be >= 1, got " + control.clientThreads);
        }
        if (!(control.maxClientLagMillis > 0)) {
            throw new UsageException("--max-client-lag-ms must be > 0, got " + control.maxClientLagMillis);
        }
        List<TraceEntry> trace = null;
        if (o.fixedSchedule != null) {
            try {
                trace = TraceReader.read(o.fixedSchedule);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--fixed-schedule " + e.getMessage());
            }
        }
        double rate = o.requestRate == null ? 0 : o.requestRate.get(0);
        double ramp = rate > 0 ? (o.requestRateRampSeconds == null ? 0 : o.requestRateRampSeconds)
                : (o.concurrencyRampSeconds == null ? 0 : o.concurrencyRampSeconds);
        PhaseLimits limits = new PhaseLimits(Math.round(control.gracePeriodSeconds * 1e9),
                control.failedRequestThreshold == null ? 0 : control.failedRequestThreshold, 0);
        return new LoadModel(rate, pattern, o.arrivalSmoothness, seed, trace, o.fixedScheduleSpeedup,
                capped && (rate > 0 || trace != null), ramp,
                o.warmupDurationSeconds == null ? 0 : Math.round(o.warmupDurationSeconds * 1e9), limits,
                control.maxClientLagMillis);
    }

    private static Object jsonOrString(String raw) {
        try {
            Object value = MAPPER.readValue(raw, Object.class);
            return value == null ? raw : value;
        } catch (IOException e) {
            return raw;
        }
    }
}
