package dev.tokenperf.cli;

import dev.tokenperf.client.Target;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.GpuPowerModel;
import dev.tokenperf.energy.EnergyMeter;
import dev.tokenperf.reports.gate.GateCheck;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.simulate.SimulationConfig;
import dev.tokenperf.stages.ServerSideCollector;
import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;
import dev.tokenperf.workloads.tokenizer.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tokenperf profile}: parses the flags into a {@link ProfilePlan}, starts the emulator when asked, and
 * hands the plan to a {@link ProfileSession} that runs, prints, writes and gates. Ctrl-C stops the run and still
 * writes the results so far.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = ConfigFile.class,
        description = "Profile an OpenAI-compatible server: closed loop at a concurrency, open loop at a request "
                + "rate, or a replayed trace; lists of values run a sweep.")
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--config"}, paramLabel = "FILE.yaml",
            description = "The whole run as YAML: keys are flag names (request_count: 100), in sections as "
                    + "aiperf's config has them (endpoint: {url: ..., model_names: [m]}); flags given here win.")
    void config(Path file) {
        ((ConfigFile) spec.defaultValueProvider()).use(file);
    }

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
    ConversationOptions conversations;

    @Mixin
    LoadModelOptions loadModel;

    @Mixin
    RunControlOptions control;

    @Mixin
    ShardOptions shards;

    @Mixin
    OutputOptions output;

    @Option(names = "--emulate",
            description = "Start the built-in emulator on a free 127.0.0.1 port and profile it (ignores --url).")
    boolean emulate;

    @Mixin
    EmulatorOptions emulator;

    @Mixin
    PrefixCacheOptions prefixCache;

    @Mixin
    EmulatedGpuOptions gpu;

    @Mixin
    TelemetryOptions telemetry;

    @Mixin
    LedgerOptions ledger;

    @Mixin
    GoodputOptions goodput;

    @Mixin
    GateOptions gates;

    @Mixin
    PlotOptions plots;

    @Mixin
    ServingModelOptions serving;

    @Mixin
    PredictOptions predict;

    @Mixin
    StageOptions stages;

    @Mixin
    TimeSliceOptions slices;

    @Mixin
    RepeatOptions repeats;

    @Override
    public Integer call() throws Exception {
        if (tokenizerOptions.tokenizer == null || emulate || !control.noClientWarmup) {
            // the run's default tokenizer, the emulator and the client warmup's stub all count with o200k_base
            JTokkitTokenizer.loadInBackground();
        }
        long seed = prompts.randomSeed != null ? prompts.randomSeed : new SecureRandom().nextLong();
        ProfilePlan.Flags flags = flags();
        ProfilePlan plan = ProfilePlan.of(flags, seed);
        slices.nanos(plan.plan().stop().durationNanos());
        repeats.validate();
        SimulationConfig prediction = predict.base(plan.sweep());
        // aiperf's switch form replays --input-file itself: only another file beside a schedule would be ignored
        PromptSetFactory.validate(prompts, datasets, workload.isl,
                loadModel.fixedSchedule != null && !loadModel.fixedSchedule.equals(datasets.inputFile),
                plan.plan().workload().sessions());
        WritablePaths.requireDirectory(output.outputDir != null ? output.outputDir : Path.of("artifacts"),
                "--output-dir");
        List<GateCheck> checks = gates.any() ? gates.checks() : List.of();
        plan = plan.withGoodput(goodput.slos(gates.any() ? gates.fileGoodput() : null));
        ledger.validate();
        telemetry.validate();
        GpuPowerModel gpuPower = gpu.model();
        PrintWriter out = spec.commandLine().getOut();
        try (Tokenizer tokenizer = tokenizerOptions.open(); ServerSideCollector collector = stages.open();
             EmulatorServer server = emulate ? startEmulator(collector, gpuPower, out) : null) {
            out.println("tokenizer: " + tokenizer.name() + (tokenizer.isEmbeddedDefault()
                    ? " (embedded default; counts are approximate unless the model is an OpenAI one)" : "")
                    + ", random seed " + seed);
            if (collector.reportUrl() != null) {
                out.println("stage reports: POST " + collector.reportUrl());
            }
            out.flush();
            if (server != null) {
                plan = plan.withUrl(server.url());
            }
            collector.resolveAgainst(plan.plan().endpoint().url());
            try (EnergyMeter meter = telemetry.probedMeter(Target.parse(plan.plan().endpoint().url()), out)) {
                return new ProfileSession(this, flags, plan, tokenizer, collector, meter, checks, prediction,
                        out).run();
            }
        }
    }

    ProfilePlan.Flags flags() {
        ParseResult parsed = spec.commandLine().getParseResult();
        loadModel.resolveSwitchForm(datasets.inputFile);
        return new ProfilePlan.Flags(target, load, workload, prompts, conversations, datasets, loadModel, control,
                shards, emulate, parsed.hasMatchedOption("--url"), parsed.hasMatchedOption("--concurrency"),
                emulate ? emulator.threads : 0);
    }

    private EmulatorServer startEmulator(ServerSideCollector collector, GpuPowerModel gpuPower, PrintWriter out)
            throws InterruptedException {
        ServingModel servingModel = serving.model();
        EmulatorServer server = EmulatorServer.start(emulator.timing(), servingModel, collector.reportUrl(),
                serving.truthEvent, emulator.stall(), 0, emulator.threads, null, prefixCache.settings(), gpuPower,
                emulator.faults());
        collector.watchEmulator(server.stats()::lateness);
        out.println("emulator: " + server.url() + " (ttft " + emulator.ttftMillis + " ms + "
                + emulator.prefillMicrosPerToken + " us/prompt token, itl " + emulator.itlMillis + " ms, "
                + emulator.tokensPerChunk + " token(s)/chunk; " + ServingModelOptions.describe(servingModel) + ")"
                + (gpuPower != null ? ", GPU metrics at " + server.url() + "/dcgm/metrics" : ""));
        return server;
    }
}
