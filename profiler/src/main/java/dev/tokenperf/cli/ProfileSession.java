package dev.tokenperf.cli;

import dev.tokenperf.profile.RunFailedException;
import dev.tokenperf.energy.EnergyMeter;
import dev.tokenperf.load.LoadCounters;
import dev.tokenperf.profile.ProfileRunner;
import dev.tokenperf.profile.RunInputs;
import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.aggregate.RunAggregate;
import dev.tokenperf.reports.export.AggregateWriter;
import dev.tokenperf.reports.export.ConsoleTable;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.export.SweepPoint;
import dev.tokenperf.reports.export.SweepReport;
import dev.tokenperf.reports.gate.GateCheck;
import dev.tokenperf.reports.load.SavedRuns;
import dev.tokenperf.reports.metrics.Goodput;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import dev.tokenperf.reports.plan.InputConfig;
import dev.tokenperf.reports.plot.RenderedChart;
import dev.tokenperf.reports.plot.SweepChart;
import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.ShardClock;
import dev.tokenperf.reports.plan.StartAt;
import dev.tokenperf.reports.plan.RunFacts;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.UrlSelection;
import dev.tokenperf.reports.plan.StopConditions;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.record.StopReport;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.simulate.SimulationConfig;
import dev.tokenperf.stages.ServerSideCollector;
import dev.tokenperf.workloads.prompt.PromptSet;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The runs of one {@code profile} invocation, on the command's thread: one run or a sweep, each run's table
 * printed and its directory written, then plots and gates. Ctrl-C cancels the current run through a shutdown
 * hook and waits for its results to be written.
 */
final class ProfileSession {
    private final ProfileCommand command;
    private final ProfilePlan.Flags flags;
    private final ProfilePlan plan;
    private final Tokenizer tokenizer;
    private final ServerSideCollector serverSide;
    private final EnergyMeter meter;
    private final List<GateCheck> checks;
    private final SimulationConfig prediction;
    private final PrintWriter out;

    /**
     * @param meter      the GPU energy meter over each measured phase, or null without telemetry
     * @param prediction the simulation each sweep point's rate is predicted with ({@code --predict-with}), or null
     */
    ProfileSession(ProfileCommand command, ProfilePlan.Flags flags, ProfilePlan plan, Tokenizer tokenizer,
                   ServerSideCollector serverSide, EnergyMeter meter, List<GateCheck> checks,
                   SimulationConfig prediction, PrintWriter out) {
        this.command = command;
        this.flags = flags;
        this.plan = plan;
        this.tokenizer = tokenizer;
        this.serverSide = serverSide;
        this.meter = meter;
        this.checks = checks;
        this.prediction = prediction;
        this.out = out;
    }

    /** Runs the plan (every point of its sweep) and returns the exit code. */
    int run() throws InterruptedException, IOException {
        if (plan.sweep() != null) {
            return sweep(plan.sweep());
        }
        return command.repeats.runs > 1 ? repeated() : single();
    }

    /** {@code --num-profile-runs N}: the plan N times, each in its own directory, then the aggregate. */
    private int repeated() throws InterruptedException, IOException {
        RepeatOptions repeats = command.repeats;
        Path base = command.output.outputDir != null ? command.output.outputDir : Path.of("artifacts", "runs-"
                + Long.toString(System.currentTimeMillis(), 36));
        List<RunSummary> summaries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= repeats.runs; i++) {
            if (i > 1 && repeats.cooldownSeconds > 0) {
                out.printf(Locale.US, "cool-down: %.1f s%n", repeats.cooldownSeconds);
                out.flush();
                Thread.sleep(Math.round(repeats.cooldownSeconds * 1000));
            }
            String name = String.format(Locale.US, "run_%04d", i);
            Path dir = base.resolve(ResultFiles.PROFILE_RUNS_DIR).resolve(name);
            out.println();
            out.println("== profile run " + i + " of " + repeats.runs);
            RunSummary summary = profileOne(plan.plan(), dir);
            failIfAborted(summary, dir);
            if (summary.result().cancelled()) {
                out.println("repeated runs interrupted after run " + i + ": no aggregate");
                return ExitCodes.OK;
            }
            summaries.add(summary);
            names.add(name);
        }
        RunAggregate aggregate = RunAggregate.of(names, summaries, repeats.confidenceLevel);
        Path file = AggregateWriter.write(aggregate, summaries.get(0).result().configuration(), base);
        out.println();
        out.print(AggregateWriter.render(aggregate));
        out.println("aggregate: " + file.toAbsolutePath().normalize());
        out.flush();
        if (command.plots.plots) {
            Plotter.plot(List.of(ResultDirs.readRuns(base)), base.resolve("plots"), out);
        }
        return command.gates.any()
                ? Gatekeeper.gate(base, checks, command.gates.baseline, plan.plan().goodput(), command.gates.junit, out)
                : ExitCodes.OK;
    }

    private int single() throws InterruptedException, IOException {
        Path dir = command.output.outputDir;
        RunSummary summary = profileOne(plan.plan(), dir);
        failIfAborted(summary, dir);
        long ok = summary.result().measuredRecords().stream().filter(r -> r.succeeded()).count();
        if (ok == 0 && !summary.result().cancelled()) {
            throw new RunFailedException("every request failed (" + summary.errorCount() + "): "
                    + firstError(summary));
        }
        Path written = dir != null ? dir : defaultDir(summary.result(), plan.plan());
        if (command.plots.plots) {
            Plotter.plot(List.of(ResultDirs.readRuns(written)), written.resolve("plots"), out);
        }
        return command.gates.any()
                ? Gatekeeper.gate(written, checks, command.gates.baseline, plan.plan().goodput(), command.gates.junit,
                out) : ExitCodes.OK;
    }

    private int sweep(ProfilePlan.Sweep sweep) throws InterruptedException, IOException {
        Path base = command.output.outputDir != null ? command.output.outputDir : Path.of("artifacts", "sweep-"
                + sweep.parameter() + "-" + Long.toString(System.currentTimeMillis(), 36));
        List<SweepPoint> points = new ArrayList<>();
        if (prediction != null) {
            out.println("predicted with: " + prediction.model().describe());
        }
        for (double value : sweep.values()) {
            Path dir = base.resolve(sweep.parameter() + "_" + SweepPoint.label(value));
            out.println();
            out.println("== sweep " + sweep.parameter() + " = " + SweepPoint.label(value));
            RunSummary summary = profileOne(plan.at(flags, value), dir);
            points.add(new SweepPoint(sweep.parameter(), value, dir.getFileName().toString(), summary,
                    prediction == null ? null : PredictOptions.predict(prediction, value)));
            if (summary.result().cancelled() || summary.result().stop().aborted()) {
                break;
            }
        }
        SweepReport.write(points, base);
        out.println();
        out.print(SweepReport.render(points));
        out.println("sweep results: " + base.toAbsolutePath().normalize());
        out.flush();
        if (command.plots.plots) {
            plotSweep(points, base);
        }
        SweepPoint last = points.get(points.size() - 1);
        failIfAborted(last.summary(), base.resolve(last.dirName()));
        return ExitCodes.OK;
    }

    /**
     * {@code --plots} on a sweep: the points' charts side by side (with the curves against the load) in
     * {@code SWEEP/plots}, led by the sweep's TTFT chart, which draws the prediction beside the measured TTFT.
     */
    private void plotSweep(List<SweepPoint> points, Path base) throws IOException {
        List<SavedRuns> sides = new ArrayList<>();
        // a value listed twice ran twice into one directory: plot that directory once
        for (String dir : points.stream().map(SweepPoint::dirName).distinct().toList()) {
            sides.add(ResultDirs.readRuns(base.resolve(dir)));
        }
        RenderedChart ttft = SweepChart.render(points);
        Plotter.plot(sides, ttft == null ? List.of() : List.of(ttft), base.resolve("plots"), out);
    }

    private static void failIfAborted(RunSummary summary, Path dir) {
        StopReport stop = summary.result().stop();
        if (stop != null && stop.aborted()) {
            throw new RunFailedException("run aborted: " + stop.message() + " (results written"
                    + (dir == null ? "" : " to " + dir) + ")");
        }
    }

    /** Runs one benchmark, prints its table and writes its result directory (the default one when null). */
    private RunSummary profileOne(RunPlan runPlan, Path dirOrNull) throws InterruptedException, IOException {
        long buildStartNanos = System.nanoTime();
        PromptSetFactory factory = new PromptSetFactory(runPlan, command.prompts, command.datasets, tokenizer,
                runPlan.workload().seed());
        PromptSet promptSet = runPlan.load() instanceof LoadModel.TraceReplay
                ? factory.forTrace(plan.trace(), command.loadModel.fixedSchedule) : factory.build();
        out.printf(Locale.US, "prompts: %d measured + %d warmup (%s), prepared in %.1f s%n",
                promptSet.measured().size(), promptSet.warmup().size(), promptSet.source(),
                (System.nanoTime() - buildStartNanos) / 1e9);
        ProfileRunner runner = new ProfileRunner();
        runner.onMeasuredPhase(originNanos -> {
            serverSide.beforeMeasuredPhase();
            if (meter != null) {
                meter.start(originNanos); // last, so that the window opens as the measured phase does
            }
        });
        if (command.target.waitForModel != null) {
            runner.waitForModel(command.target.waitForModel);
        }
        if (!command.control.noClientWarmup) {
            runner.warmClientFirst(report -> {
                out.println(report.describe());
                out.flush();
            });
        }
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
            out.println("profiling " + describe(runPlan.endpoint().urls()) + " (" + runPlan.endpoint().type().option()
                    + (runPlan.endpoint().streaming() ? ", streaming" : "") + ") " + describe(runPlan.load())
                    + describe(runPlan) + describeShard(runPlan));
            out.flush();
            LoadCounters counters = new LoadCounters();
            RunFacts facts = new RunFacts(promptSet.source(), tokenizer.name(), tokenizer.isEmbeddedDefault());
            RunResult result;
            try (ProgressLine progress = ProgressLine.start(command.spec.commandLine().getErr(), counters,
                    runPlan.share().stop().requestCount(), runPlan.stop().durationNanos(), command.control.quiet)) {
                result = runner.run(runPlan, new RunInputs(plan.headers(), promptSet, plan.trace(), facts), counters);
            }
            if (meter != null) {
                result = result.withGpuEnergy(meter.stop());
                meter.takeNotes().forEach(note -> out.println("GPU telemetry note: " + note));
            }
            if (serverSide.isActive()) {
                result = result.withServerEvidence(serverSide.afterRun(result.measuredRecords()));
            }
            RunSummary summary = RunSummarizer.summarize(result, Goodput.savedSlos(result),
                    WorkloadReport.accuracy(result, tokenizer), command.slices.nanos(runPlan.stop().durationNanos()));
            SequenceLengthAccuracy accuracy = summary.accuracy();
            Path dir = dirOrNull != null ? dirOrNull : defaultDir(result, runPlan);
            ResultWriter.write(summary, dir);
            out.println();
            out.print(ConsoleTable.render(summary));
            ResendWarning.line(summary).ifPresent(out::println);
            lateStart(runPlan, result).ifPresent(out::println);
            out.println(accuracy.consoleLine());
            accuracy.warnings().forEach(w -> out.println("warning: " + w));
            if (result.cancelled()) {
                out.println("run interrupted: results so far are written");
            }
            out.println("results: " + dir.toAbsolutePath().normalize());
            command.ledger.appendSaved(dir);
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

    /**
     * A warning when the measured phase began more than {@link StartAt#TOLERANCE_MILLIS} ms after
     * {@code --start-at}: start-up and warmup outlasted the lead, so shards started apart (the merge reports by
     * how much).
     */
    static Optional<String> lateStart(RunPlan runPlan, RunResult result) {
        ShardClock clock = InputConfig.read(result.configuration()).facts().clock();
        if (runPlan.startAt() == null || clock == null) {
            return Optional.empty();
        }
        long lateMillis = Duration.between(runPlan.startAt(), clock.wallClockStart()).toMillis();
        return lateMillis <= StartAt.TOLERANCE_MILLIS ? Optional.empty() : Optional.of(String.format(Locale.US,
                "warning: the measured phase started %.1f s after --start-at %s: start-up and warmup took longer; "
                        + "give the shards more lead", lateMillis / 1000.0, runPlan.startAt()));
    }

    private static String firstError(RunSummary summary) {
        return summary.errors().stream().filter(e -> !e.resent()).findFirst()
                .map(e -> e.example().kind().tag() + ": " + e.example().message()).orElse("no request completed");
    }

    /** The server, or the servers and how requests pick one. */
    static String describe(UrlSelection urls) {
        return urls.several() ? String.join(", ", urls.urls()) + " (" + urls.strategy().option() + ")"
                : urls.first();
    }

    /**
     * The stop conditions for the console, e.g. {@code , 40 requests after 4 warmup requests} (a session run counts
     * sessions).
     */
    static String describe(RunPlan runPlan) {
        StopConditions s = runPlan.stop();
        StringBuilder text = new StringBuilder();
        if (s.requestCount() > 0) {
            text.append(", ").append(s.requestCount())
                    .append(runPlan.workload().sessions() ? " sessions" : " requests");
        }
        if (s.durationNanos() > 0) {
            text.append(", for ").append(s.durationNanos() / 1e9).append(" s");
        }
        if (runPlan.warmup().requestCount() > 0) {
            text.append(" after ").append(runPlan.warmup().requestCount()).append(" warmup requests");
        }
        return text.toString();
    }

    /** A shard's part and start for the console, e.g. {@code ; shard 1/2: at 20.0 req/s (poisson), 50 requests}. */
    static String describeShard(RunPlan runPlan) {
        StringBuilder text = new StringBuilder();
        if (!runPlan.shard().whole()) {
            RunPlan share = runPlan.share();
            text.append("; shard ").append(runPlan.shard()).append(": ").append(describe(share.load()))
                    .append(describe(share));
        }
        if (runPlan.startAt() != null) {
            text.append("; measured phase starts at ").append(runPlan.startAt());
        }
        return text.toString();
    }

    /** The load for the console, e.g. {@code at 5.0 req/s (poisson), at most 4 in flight}. */
    static String describe(LoadModel load) {
        String cap = load.concurrencyCapped() ? ", at most " + load.maxInFlight() + " in flight" : "";
        if (load instanceof LoadModel.TraceReplay t) {
            return "replaying " + t.entries() + " trace entries at " + t.speedup() + "x" + cap;
        }
        if (load instanceof LoadModel.OpenLoop o) {
            return "at " + o.rate() + " req/s (" + o.pattern().option() + ")" + cap;
        }
        return "at concurrency " + load.concurrency();
    }

    private static Path defaultDir(RunResult result, RunPlan runPlan) {
        String modelName = String.valueOf(WorkloadReport.model(result));
        LoadModel model = runPlan.load();
        String load = model instanceof LoadModel.TraceReplay ? "fixed_schedule"
                : model instanceof LoadModel.OpenLoop o ? "request_rate" + SweepPoint.label(o.rate())
                : "concurrency" + model.concurrency();
        String name = modelName.replaceAll("[^A-Za-z0-9._-]", "_") + "-openai-"
                + runPlan.endpoint().type().option() + "-" + load;
        return Path.of("artifacts", name);
    }
}
