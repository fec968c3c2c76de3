package dev.tokenperf.bench;

import dev.tokenperf.wire.EmulatorLateness;
import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.profile.ProfileRunner;
import dev.tokenperf.profile.RunInputs;
import dev.tokenperf.reports.plan.ClientSettings;
import dev.tokenperf.reports.plan.Endpoint;
import dev.tokenperf.reports.plan.InFlightCap;
import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.RunFacts;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.StopConditions;
import dev.tokenperf.reports.plan.Warmup;
import dev.tokenperf.reports.plan.Workload;
import dev.tokenperf.workloads.prompt.PromptSet;
import dev.tokenperf.workloads.prompt.RequestSpec;
import dev.tokenperf.workloads.prompt.SequenceLengths;
import dev.tokenperf.workloads.prompt.SyntheticPrompts;
import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.record.EmulatorLatenessReport;
import dev.tokenperf.workloads.schedule.ArrivalPattern;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The profiler's capacity benchmark: drives a server (normally the in-process emulator, whose timing is the
 * truth) with stepped closed-loop concurrency and stepped open-loop rates, and reports per step the
 * throughput, lags, timing bias and the client's CPU per chunk and per request ({@link HeapProfile} does the
 * heap). A step is sustained when the p99 lag (schedule lag in open loop, event-loop lag in both) is within
 * the budget, no request failed and, in open loop, at least 95 % of the target rate
 * was achieved; each search stops after two steps in a row that are not, and reports the highest sustained.
 */
public final class ClientBench {
    /** Grace period of an open-loop step: a step is a few seconds, a 30 s tail would dominate it. */
    private static final long OPEN_STEP_GRACE_NANOS = 5_000_000_000L;

    private final Endpoint endpoint;
    private final Workload workload;
    private final long truthTtftNanos;
    private final long truthItlNanos;
    private final double stepSeconds;
    private final double lagBudgetMillis;
    private final PrintWriter out;
    private final boolean inProcessServer;
    private final PromptSet prompts;
    private final EmulatorProbe emulator;
    private final ClientSettings client;

    /**
     * @param endpoint       the server and what each request carries
     * @param workload       the prompt and output lengths
     * @param truthTtftNanos the server's configured TTFT for these prompts
     * @param truthItlNanos  the server's configured gap between tokens
     * @param inProcessServer true when the server runs in this process (its sockets count against our limit)
     * @param emulator        the server's own lateness and CPU, as far as it reports them
     * @param clientThreads   event loops of the client under test
     */
    public ClientBench(Endpoint endpoint, Workload workload, long truthTtftNanos, long truthItlNanos, double stepSeconds,
                       double lagBudgetMillis, PrintWriter out, boolean inProcessServer, EmulatorProbe emulator,
                       int clientThreads) {
        this.endpoint = endpoint;
        this.workload = workload;
        this.truthTtftNanos = truthTtftNanos;
        this.truthItlNanos = truthItlNanos;
        this.stepSeconds = stepSeconds;
        this.lagBudgetMillis = lagBudgetMillis;
        this.out = out;
        this.inProcessServer = inProcessServer;
        this.prompts = benchPrompts(workload);
        this.emulator = emulator;
        this.client = new ClientSettings(clientThreads, lagBudgetMillis);
    }

    /** The prompts every step sends. */
    public PromptSet prompts() {
        return prompts;
    }

    /** Exact-length prompts under the embedded tokenizer, built once before any step (never during one). */
    private static PromptSet benchPrompts(Workload base) {
        List<RequestSpec> requests = new SyntheticPrompts(new JTokkitTokenizer(), 1, 0, 0)
                .generate(SequenceLengths.fixed(base.isl(), base.osl(), 0, 0), 0, Workload.MAX_DISTINCT_PROMPTS);
        return new PromptSet(requests, requests, "synthetic");
    }

    /** Runs the closed-loop search over {@code concurrencies}. */
    public List<BenchStep> searchConcurrency(List<Integer> concurrencies) throws InterruptedException {
        List<BenchStep> steps = new ArrayList<>();
        for (int c : concurrencies) {
            long needed = (inProcessServer ? 2L : 1L) * c + FD_HEADROOM;
            long limit = maxFileDescriptors();
            if (needed > limit) {
                // the in-process emulator holds the other end of every connection; running out of descriptors
                // kills its accept loop and every later step
                out.printf(Locale.US, "  concurrency %d skipped: needs about %d file descriptors (client and "
                        + "emulator sockets), the limit is %d (raise ulimit -n)%n", c, needed, limit);
                break;
            }
            BenchStep step = closedStep(c);
            steps.add(step);
            if (failedLastTwo(steps)) {
                break;
            }
        }
        return steps;
    }

    /** Runs the open-loop search over {@code rates} (constant arrivals, no cap). */
    public List<BenchStep> searchRate(List<Double> rates) throws InterruptedException {
        List<BenchStep> steps = new ArrayList<>();
        for (double rate : rates) {
            BenchStep step = openStep(rate);
            steps.add(step);
            if (failedLastTwo(steps)) {
                break;
            }
        }
        return steps;
    }

    /** One open-loop step at a constant {@code rate} (uncapped), after a 1 s warmup at that rate. */
    public BenchStep openStep(double rate) throws InterruptedException {
        // the warmup opens the connections the rate needs
        LoadModel model = new LoadModel.OpenLoop(rate, ArrivalPattern.CONSTANT, 1, 1, 0, new InFlightCap(1, false));
        return step("request_rate", rate, plan(model, OPEN_STEP_GRACE_NANOS, new Warmup(2, 1_000_000_000L)));
    }

    /** Descriptors beyond the sockets: jars, epoll and event fds, the JDK's own files. */
    private static final long FD_HEADROOM = 512;

    private static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return Long.MAX_VALUE;
    }

    /** A noisy shared machine can fail one step and pass the next; two failures in a row end a search. */
    private static boolean failedLastTwo(List<BenchStep> steps) {
        int n = steps.size();
        return n >= 2 && !steps.get(n - 1).sustained() && !steps.get(n - 2).sustained();
    }

    /** The highest load among sustained steps, or NaN when none was. */
    public static double highestSustained(List<BenchStep> steps) {
        return steps.stream().filter(BenchStep::sustained).mapToDouble(BenchStep::load).max().orElse(Double.NaN);
    }

    /** One closed-loop step at {@code concurrency}, for the bias figures. */
    public BenchStep closedStep(int concurrency) throws InterruptedException {
        return step("concurrency", concurrency, plan(phasedClosedLoop(concurrency), StopConditions.DEFAULT_GRACE_NANOS,
                new Warmup(Math.min(2 * concurrency, 400), 0)));
    }

    /**
     * A closed loop whose streams start spread over one request's duration (the truth: TTFT plus the gaps to the
     * last token), so they stay evenly phased: a step measures steady state at N streams, not N requests
     * starting in the same instant, which would measure the emulator's and the client's burst queueing.
     */
    private LoadModel phasedClosedLoop(int concurrency) {
        double requestSeconds = (truthTtftNanos + (workload.osl() - 1) * truthItlNanos) / 1e9;
        return new LoadModel.ClosedLoop(concurrency, requestSeconds);
    }

    private BenchStep step(String mode, double load, RunPlan plan) throws InterruptedException {
        out.printf(Locale.US, "  %s %.0f for %.1f s...%n", mode, load, stepSeconds);
        out.flush();
        EmulatorLateness lateBefore = emulator.lateness();
        long emulatorCpuBefore = emulator.cpuNanos();
        long cpuBefore = CpuMeter.clientCpuNanos();
        RunResult result = new ProfileRunner().run(plan, inputs(prompts), null);
        long cpu = CpuMeter.clientCpuNanos() - cpuBefore;
        long emulatorCpu = emulatorCpuBefore < 0 ? -1 : emulator.cpuNanos() - emulatorCpuBefore;
        EmulatorLateness lateAfter = lateBefore == null ? null : emulator.lateness();
        EmulatorLateness diff = lateAfter == null ? null : lateAfter.minus(lateBefore);
        EmulatorLatenessReport late = diff == null ? null
                : EmulatorLatenessReport.of(diff.firstChunkNanos(), diff.laterChunksNanos());
        RunSummary summary = RunSummarizer.summarize(result);
        long chunks = 0;
        long measuredRequests = 0;
        long errors = 0;
        // the CPU covers the whole run (warmup included), so it is divided over every request and chunk
        long allChunks = 0;
        for (RequestRecord r : result.records()) {
            allChunks += r.chunkCount();
            if (!r.warmup()) {
                measuredRequests++;
                chunks += r.chunkCount();
                errors += r.succeeded() ? 0 : 1;
            }
        }
        int allRequests = result.records().size();
        double seconds = result.benchmarkDurationNanos() / 1e9;
        ClientHealth health = summary.clientHealth();
        double reqPerSecond = summary.get(MetricRegistry.REQUEST_THROUGHPUT).map(s -> s.avg()).orElse(0.0);
        boolean sustained = errors == 0 && measuredRequests > 0 && health.eventLoopLagP99Millis() <= lagBudgetMillis
                && (!(plan.load() instanceof LoadModel.OpenLoop open) || (health.scheduleLagP99Millis() <= lagBudgetMillis
                && health.achievedRate() >= 0.95 * open.rate()));
        BenchStep step = new BenchStep(mode, load, measuredRequests, errors, reqPerSecond,
                seconds > 0 ? chunks / seconds : 0, health.scheduleLagP99Millis(), health.eventLoopLagP99Millis(),
                bias(summary, MetricRegistry.TIME_TO_FIRST_TOKEN, 50, truthTtftNanos),
                bias(summary, MetricRegistry.TIME_TO_FIRST_TOKEN, 99, truthTtftNanos),
                bias(summary, MetricRegistry.INTER_TOKEN_LATENCY, 50, truthItlNanos),
                bias(summary, MetricRegistry.INTER_TOKEN_LATENCY, 99, truthItlNanos),
                allChunks > 0 ? cpu / 1e3 / allChunks : Double.NaN, allRequests == 0 ? Double.NaN : cpu / 1e3 / allRequests,
                late == null ? Double.NaN : late.first().p50(),
                late == null ? Double.NaN : late.first().p99(),
                late == null ? Double.NaN : late.later().p99(),
                emulatorCpu >= 0 && allChunks > 0 ? emulatorCpu / 1e3 / allChunks : Double.NaN, sustained);
        out.println("  " + step.row());
        out.flush();
        return step;
    }

    /** Measured percentile minus the truth, in ms; NaN when the metric has no value. */
    private static double bias(RunSummary summary, MetricDefinition metric, double p, long truthNanos) {
        return summary.get(metric).map(s -> s.percentile(p) - truthNanos / 1e6).orElse(Double.NaN);
    }

    /** A step: {@code load} for the step's duration, after {@code warmup}. */
    private RunPlan plan(LoadModel load, long graceNanos, Warmup warmup) {
        return new RunPlan(endpoint, workload, load, StopConditions.duration(Math.round(stepSeconds * 1e9), graceNanos),
                warmup, client, null);
    }

    /** What a bench run sends: no headers, the bench's prompts, nothing to report about a tokenizer. */
    static RunInputs inputs(PromptSet prompts) {
        return new RunInputs(RequestHeaders.of(null, List.of()), prompts, List.of(),
                new RunFacts(prompts.source(), null, false));
    }
}
