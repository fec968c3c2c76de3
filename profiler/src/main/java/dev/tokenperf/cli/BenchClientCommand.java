package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokenperf.reports.json.JsonNumbers;
import dev.tokenperf.bench.BenchStep;
import dev.tokenperf.bench.ClientBench;
import dev.tokenperf.bench.ColdStartBench;
import dev.tokenperf.bench.ColdStartCase;
import dev.tokenperf.bench.ColdStartRow;
import dev.tokenperf.bench.CpuAffinity;
import dev.tokenperf.bench.CpuMeter;
import dev.tokenperf.bench.EmulatorProbe;
import dev.tokenperf.bench.EmulatorProcess;
import dev.tokenperf.bench.HeapProfile;
import dev.tokenperf.bench.ProfileLauncher;
import dev.tokenperf.bench.SoakBench;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.client.Target;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorTiming;
import dev.tokenperf.reports.plan.ClientSettings;
import dev.tokenperf.reports.plan.Endpoint;
import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.StopConditions;
import dev.tokenperf.reports.plan.Warmup;
import dev.tokenperf.reports.plan.Workload;
import dev.tokenperf.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tokenperf bench-client}: measures the profiler itself against the in-process emulator over
 * loopback (or the emulator in a child JVM with {@code --emulator-process}, or a server given by {@code --url}):
 * CPU per chunk and per request, the highest concurrency
 * and rate it sustains within the lag budget, timing bias against the emulator's truth at low and high
 * load, and heap after GC as requests grow. Writes {@code bench.json}; with {@code --cold-start}, the cost of
 * fresh {@code profile} processes instead ({@code cold-start.json}).
 */
@Command(name = "bench-client", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark the profiler's own capacity and timing bias against the built-in emulator.")
public final class BenchClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "Drive this server instead of the in-process emulator (bias is then against --ttft-ms "
                    + "and --itl-ms as given).")
    String url;

    @Option(names = "--step-duration", paramLabel = "S", defaultValue = "3",
            description = "Seconds per load step. Default: ${DEFAULT-VALUE}.")
    double stepSeconds;

    @Option(names = "--concurrency-steps", paramLabel = "N,N...", split = ",",
            defaultValue = "16,64,256,1024,4096,10000",
            description = "Closed-loop steps, searched in order. Default: ${DEFAULT-VALUE}.")
    List<Integer> concurrencySteps;

    @Option(names = "--rate-steps", paramLabel = "R,R...", split = ",", defaultValue = "100,250,500,1000,2000,5000",
            description = "Open-loop steps in req/s, searched in order. Default: ${DEFAULT-VALUE}.")
    List<Double> rateSteps;

    @Option(names = "--bias-concurrency", paramLabel = "LOW,HIGH", split = ",", defaultValue = "1,1000",
            description = "Concurrencies at which timing bias is reported. Default: ${DEFAULT-VALUE}.")
    List<Integer> biasConcurrency;

    @Option(names = "--heap-requests", paramLabel = "N,N...", split = ",", defaultValue = "100000",
            description = "Run sizes for the heap profile (heap after GC at each tenth of a closed-loop run against "
                    + "an emulator without delays; 0 skips it). Default: ${DEFAULT-VALUE}.")
    List<Long> heapRequests;

    @Option(names = "--isl", paramLabel = "N", defaultValue = "32", description = "Prompt tokens. Default: ${DEFAULT-VALUE}.")
    int isl;

    @Option(names = "--osl", paramLabel = "N", defaultValue = "32", description = "Output tokens. Default: ${DEFAULT-VALUE}.")
    int osl;

    @Option(names = "--ttft-ms", paramLabel = "MS", defaultValue = "20",
            description = "Emulator TTFT (the truth). Default: ${DEFAULT-VALUE}.")
    double ttftMillis;

    @Option(names = "--itl-ms", paramLabel = "MS", defaultValue = "10",
            description = "Emulator gap between tokens (the truth). Default: ${DEFAULT-VALUE}.")
    double itlMillis;

    @Option(names = "--emulator-threads", paramLabel = "N", defaultValue = "1",
            description = "Emulator event loops (they share the machine with the client). Default: ${DEFAULT-VALUE}.")
    int emulatorThreads;

    @Option(names = "--emulator-process",
            description = "Run the emulator in a child JVM instead of this one, so its CPU, GC and JIT are not "
                    + "billed to the client.")
    boolean emulatorProcess;

    @Option(names = "--emulator-cpus", paramLabel = "CPUS",
            description = "Pin the emulator process to these CPUs (a taskset -c list, e.g. 1); implies "
                    + "--emulator-process. Pin the client with taskset -c around tokenperf itself.")
    String emulatorCpus;

    @Option(names = "--client-threads", paramLabel = "N",
            description = "Event loops of the client under test. Default: the number of cores, less the "
                    + "emulator's event loops unless --url is given (at least 1).")
    Integer clientThreads;

    @Option(names = "--max-client-lag-ms", paramLabel = "MS", defaultValue = "1",
            description = "p99 lag budget of a sustained step. Default: ${DEFAULT-VALUE}.")
    double lagBudgetMillis;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "artifacts/bench-client",
            description = "Where bench.json goes. Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(names = "--cold-start",
            description = "Instead of the capacity search: launch fresh `tokenperf profile` processes (through "
                    + "./tokenperf when it started this one, so with its JVM options and class-data archive) against "
                    + "an emulator in a child JVM, and report per case launch to first request, whole-run and "
                    + "measured-window CPU, compilation in the window, TTFT bias and peak RSS. Writes "
                    + "cold-start.json.")
    boolean coldStart;

    @Option(names = "--cold-start-cases", paramLabel = "CASE,CASE...", split = ",",
            defaultValue = "c1,c32,c256,r100,r500",
            description = "Which cases --cold-start runs: c1 (concurrency 1, 32 requests), c32 (32, 256), c256 "
                    + "(256, 1024), r100 (100 req/s Poisson, 1000), r500 (500 req/s, 5000), c32-2048 (32, 2048). "
                    + "Default: ${DEFAULT-VALUE}.")
    List<String> coldStartCases;

    @Option(names = "--cold-start-runs", paramLabel = "N", defaultValue = "1",
            description = "Processes per case, interleaved across cases. Default: ${DEFAULT-VALUE}.")
    int coldStartRuns;

    @Option(names = "--cold-start-requests", paramLabel = "N",
            description = "Measured requests of every case instead of its own count (a quick look).")
    Integer coldStartRequests;

    @Option(names = "--cold-start-flag", paramLabel = "FLAG",
            description = "A further flag for every profile process, repeatable; write it with '=', e.g. "
                    + "--cold-start-flag=--no-client-warmup.")
    List<String> coldStartFlags = new ArrayList<>();

    @Option(names = "--soak", paramLabel = "SECONDS",
            description = "Instead of the searches: one closed-loop run of this many seconds at concurrency "
                    + SOAK_CONCURRENCY + ", sampling heap after GC, open file descriptors and the record spill every "
                    + SOAK_SAMPLE_SECONDS + " s; prints each series' start/end/max and whether heap and descriptors "
                    + "stay flat (exit 1 if not). Linux only; by hand, not in CI.")
    Integer soakSeconds;

    /** Moderate load for the soak: enough connections to churn buffers, far from the client's capacity. */
    private static final int SOAK_CONCURRENCY = 32;
    private static final int SOAK_SAMPLE_SECONDS = 5;

    /** Concurrency of the heap-profile runs. */
    private static final int HEAP_CONCURRENCY = 256;

    /**
     * The heap profile's runs: against a second emulator without delays (so a million requests take minutes,
     * not hours), in this JVM or, with {@code --emulator-process}, in a child JVM so that its heap is not counted
     * as the client's; or against {@code --url} as given.
     */
    private List<Map<String, Object>> heapProfile(ClientBench bench, Endpoint endpoint, String pinning)
            throws IOException, InterruptedException {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (heapRequests.stream().allMatch(n -> n == 0)) {
            return rows;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("heap after GC during runs of growing size:");
        boolean child = emulatorProcess || emulatorCpus != null;
        EmulatorServer fast = url != null || child ? null : EmulatorServer.start(new EmulatorTiming(0, 0, 0, 1, osl,
                "tokenperf-emulated"), 0, emulatorThreads);
        EmulatorProcess fastChild = child ? EmulatorProcess.start(emulateArgs(0, 0), pinning, out) : null;
        try {
            Endpoint heapEndpoint = fast != null ? endpoint.withUrl(fast.url())
                    : fastChild != null ? endpoint.withUrl(fastChild.url()) : endpoint;
            HeapProfile profile = new HeapProfile(bench.prompts(), out);
            for (long requests : heapRequests) {
                if (requests > 0) {
                    rows.add(profile.run(new RunPlan(heapEndpoint, workload(), new LoadModel.ClosedLoop(HEAP_CONCURRENCY,
                            0), StopConditions.requests(requests), Warmup.NONE,
                            new ClientSettings(threads(), lagBudgetMillis), null)));
                }
            }
            return rows;
        } finally {
            if (fast != null) {
                fast.close();
            }
            if (fastChild != null) {
                fastChild.close();
            }
        }
    }

    /** {@code tokenperf emulate} arguments for a child emulator with this bench's timing. */
    private List<String> emulateArgs(double ttft, double itl) {
        return List.of("--ttft-ms", Double.toString(ttft), "--itl-ms", Double.toString(itl),
                "--prefill-us-per-token", "0", "--tokens-per-chunk", "1", "--default-max-tokens", Integer.toString(osl),
                "--served-model-name", "tokenperf-emulated", "--emulator-threads", Integer.toString(emulatorThreads));
    }

    /** Fixed-length prompts and outputs, the emulator's truth. */
    private Workload workload() {
        return Workload.fixed(isl, osl, 0);
    }

    private int threads() {
        return RunControlOptions.defaultClientThreads(clientThreads, url == null ? emulatorThreads : 0,
                Runtime.getRuntime().availableProcessors());
    }


    /** {@code --cold-start}: the cases against an emulator in a child JVM; writes {@code cold-start.json}. */
    private int coldStart(PrintWriter out, String pinning) throws IOException, InterruptedException {
        List<ColdStartCase> cases;
        try {
            cases = ColdStartCase.named(coldStartCases);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (coldStartRequests != null) {
            cases = cases.stream().map(c -> c.withRequests(coldStartRequests)).toList();
        }
        ProfileLauncher launcher = ProfileLauncher.ofThisJvm();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "jdk", System.getProperty("java.version"), "load_average_before", loadAverage()));
        report.put("launcher", launcher.describe());
        report.put("truth", Map.of("ttft_ms", ttftMillis, "itl_ms", itlMillis, "isl", isl, "osl", osl));
        report.put("profile_flags", coldStartFlags);
        try (EmulatorProcess emulator = EmulatorProcess.start(emulateArgs(ttftMillis, itlMillis), pinning, out)) {
            out.printf("bench-client --cold-start: emulator %s (child JVM), processes started by %s, load average "
                    + "%.2f%n", emulator.url(), launcher.describe(), loadAverage());
            ColdStartBench bench = new ColdStartBench(launcher, emulator.url(), "tokenperf-emulated",
                    new EmulatorProbe(emulator.url(), emulator::cpuNanos), outputDir.resolve("cold-start"), isl, osl,
                    Math.round(ttftMillis * 1e6), coldStartFlags, out);
            report.put("rows", bench.run(cases, coldStartRuns).stream().map(ColdStartRow::asMap).toList());
        }
        double loadAfter = loadAverage();
        report.put("load_average_after", loadAfter);
        Path json = outputDir.resolve("cold-start.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        out.printf("load average after: %.2f%ncold-start results: %s%n", loadAfter, json.toAbsolutePath().normalize());
        return ExitCodes.OK;
    }

    /** The 1-minute load average: cold-start figures mean little on a busy machine, so they carry it. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    @Override
    public Integer call() throws Exception {
        if (!(stepSeconds > 0) || isl < 1 || osl < 2 || ttftMillis < 0 || itlMillis < 0 || emulatorThreads < 1) {
            throw new UsageException("--step-duration must be > 0, --isl >= 1, --osl >= 2, --ttft-ms/--itl-ms >= 0, "
                    + "--emulator-threads >= 1");
        }
        if (clientThreads != null && clientThreads < 1) {
            throw new UsageException("--client-threads must be >= 1, got " + clientThreads);
        }
        if (heapRequests.stream().anyMatch(n -> n < 0)) {
            throw new UsageException("--heap-requests takes request counts >= 0 (0 skips the heap profile)");
        }
        if (biasConcurrency.size() != 2 || biasConcurrency.stream().anyMatch(c -> c < 1)) {
            throw new UsageException("--bias-concurrency takes two values >= 1 (LOW,HIGH)");
        }
        boolean childEmulator = emulatorProcess || emulatorCpus != null;
        if (url != null && childEmulator) {
            throw new UsageException("--emulator-process and --emulator-cpus start an emulator; --url drives another "
                    + "server");
        }
        if (soakSeconds != null && soakSeconds < 1) {
            throw new UsageException("--soak must be >= 1 second, got " + soakSeconds);
        }
        if (coldStart && (url != null || coldStartRuns < 1 || (coldStartRequests != null && coldStartRequests < 1))) {
            throw new UsageException(url != null ? "--cold-start starts its own emulator; drop --url"
                    : "--cold-start-runs and --cold-start-requests must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        String pinning = emulatorCpus;
        if (pinning != null && !EmulatorProcess.tasksetAvailable()) {
            out.println("bench-client: taskset not found, the emulator process runs unpinned");
            pinning = null;
        }
        if (coldStart) {
            return coldStart(out, pinning);
        }
        EmulatorServer server = null;
        EmulatorProcess child = null;
        try {
            String target = url;
            EmulatorProbe probe;
            if (childEmulator) {
                child = EmulatorProcess.start(emulateArgs(ttftMillis, itlMillis), pinning, out);
                target = child.url();
                probe = new EmulatorProbe(target, child::cpuNanos);
            } else if (target == null) {
                server = EmulatorServer.start(new EmulatorTiming(Math.round(ttftMillis * 1e6), 0,
                        Math.round(itlMillis * 1e6), 1, osl, "tokenperf-emulated"), 0, emulatorThreads);
                target = server.url();
                probe = new EmulatorProbe(target, CpuMeter::emulatorCpuNanos);
            } else {
                probe = new EmulatorProbe(target, null); // a remote tokenperf emulate still reports its lateness
            }
            Endpoint endpoint = new Endpoint(Target.parse(target).toString(),
                    url == null ? "tokenperf-emulated" : null, EndpointType.CHAT, true, List.of(), Map.of(),
                    Duration.ofSeconds(60), false);
            Runtime rt = Runtime.getRuntime();
            String clientCpus = CpuAffinity.ofThisProcess();
            String emulatorWhere = server != null ? "in this JVM" : child != null ? "child JVM on CPUs "
                    + (pinning == null ? "any" : pinning) : "elsewhere";
            out.printf("bench-client: %s, %d cores, max heap %d MiB, JDK %s, transport %s, client CPUs %s, "
                            + "%d client event loops, emulator %s%n", target, rt.availableProcessors(),
                    rt.maxMemory() / 1048576, System.getProperty("java.version"), Transport.name(),
                    clientCpus == null ? "unknown" : clientCpus, threads(), emulatorWhere);
            ClientBench bench = new ClientBench(endpoint, workload(), Math.round(ttftMillis * 1e6), Math.round(itlMillis * 1e6),
                    stepSeconds, lagBudgetMillis, out, server != null, probe, threads());
            Map<String, Object> report = new LinkedHashMap<>();
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("cores", rt.availableProcessors());
            machine.put("max_heap_mib", rt.maxMemory() / 1048576);
            machine.put("jdk", System.getProperty("java.version"));
            machine.put("transport", Transport.name());
            machine.put("client_cpus", clientCpus);
            machine.put("client_threads", threads());
            machine.put("emulator", emulatorWhere);
            report.put("machine", machine);
            report.put("truth", Map.of("ttft_ms", ttftMillis, "itl_ms", itlMillis, "isl", isl, "osl", osl));
            if (soakSeconds != null) {
                boolean flat = new SoakBench(bench.prompts(), SOAK_SAMPLE_SECONDS * 1000L, out).run(new RunPlan(
                        endpoint, workload(), new LoadModel.ClosedLoop(SOAK_CONCURRENCY, 0),
                        StopConditions.duration(soakSeconds * 1_000_000_000L, 30_000_000_000L), Warmup.NONE,
                        new ClientSettings(threads(), lagBudgetMillis), null));
                return flat ? ExitCodes.OK : ExitCodes.RUN_FAILED;
            }
            // class loading and JIT compilation would otherwise be billed to the first step of each search
            out.println("JVM warmup (discarded):");
            bench.closedStep(64);
            bench.openStep(1000);
            out.println("timing bias at low and high load (closed loop):");
            out.println("  " + BenchStep.header());
            report.put("bias_low", bench.closedStep(biasConcurrency.get(0)).asMap());
            report.put("bias_high", bench.closedStep(biasConcurrency.get(1)).asMap());
            out.println("closed-loop concurrency search:");
            List<BenchStep> closed = bench.searchConcurrency(concurrencySteps);
            report.put("concurrency_search", closed.stream().map(BenchStep::asMap).toList());
            report.put("highest_sustained_concurrency",
                    JsonNumbers.nanAsNull(ClientBench.highestSustained(closed)));
            out.println("  highest sustained concurrency: " + ClientBench.highestSustained(closed));
            out.println("open-loop rate search:");
            List<BenchStep> open = bench.searchRate(rateSteps);
            report.put("rate_search", open.stream().map(BenchStep::asMap).toList());
            report.put("highest_sustained_request_rate",
                    JsonNumbers.nanAsNull(ClientBench.highestSustained(open)));
            out.println("  highest sustained request rate: " + ClientBench.highestSustained(open));
            report.put("heap", heapProfile(bench, endpoint, pinning));
            Files.createDirectories(outputDir);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(outputDir.resolve("bench.json").toFile(), report);
            out.println("bench results: " + outputDir.resolve("bench.json").toAbsolutePath().normalize());
            return ExitCodes.OK;
        } finally {
            if (server != null) {
                server.close();
            }
            if (child != null) {
                child.close();
            }
        }
    }
}
