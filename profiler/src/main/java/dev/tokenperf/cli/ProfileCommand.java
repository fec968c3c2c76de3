package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.client.Target;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.ServingModel;
import dev.tokenperf.profile.ProfileRunner;
import dev.tokenperf.profile.ProfileSettings;
import dev.tokenperf.reports.export.ConsoleTable;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.metrics.RunSummarizer;
import dev.tokenperf.reports.metrics.RunSummary;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.stages.ServerSideCollector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
        description = "Profile an OpenAI-compatible server at a fixed concurrency.")
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
    OutputOptions output;

    @Option(names = "--emulate",
            description = "Start the built-in emulator on a free 127.0.0.1 port and profile it (ignores --url).")
    boolean emulate;

    @Mixin
    EmulatorOptions emulator;

    @Mixin
    ServingModelOptions serving;

    @Mixin
    StageOptions stages;

    @Override
    public Integer call() throws Exception {
        ProfileSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        EmulatorServer server = null;
        try (ServerSideCollector serverSide = stages.open()) {
            if (serverSide.reportUrl() != null) {
                out.println("stage reports: POST " + serverSide.reportUrl());
            }
            if (emulate) {
                ServingModel model = serving.model();
                server = EmulatorServer.start(emulator.timing(), model, serverSide.reportUrl(), serving.truthEvent, 0,
                        emulator.threads, null);
                settings = withTarget(settings, Target.parse(server.url()));
                out.println("emulator: " + server.url() + " (ttft " + emulator.ttftMillis + " ms + "
                        + emulator.prefillMicrosPerToken + " us/prompt token, itl " + emulator.itlMillis + " ms, "
                        + emulator.tokensPerChunk + " token(s)/chunk; " + ServingModelOptions.describe(model) + ")");
            }
            serverSide.resolveAgainst(settings.target().toString());
            return profile(settings, out, serverSide);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private int profile(ProfileSettings settings, PrintWriter out, ServerSideCollector serverSide)
            throws InterruptedException, IOException {
        ProfileRunner runner = new ProfileRunner(Math.max(1, Runtime.getRuntime().availableProcessors()));
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
                    + (settings.streaming() ? ", streaming" : "") + ") at concurrency " + settings.concurrency()
                    + stopDescription(settings));
            out.flush();
            RunResult result = runner.run(settings);
            if (serverSide.isActive()) {
                result = result.withServerEvidence(serverSide.afterRun(result.measuredRecords()));
            }
            RunSummary summary = RunSummarizer.summarize(result);
            Path dir = output.outputDir != null ? output.outputDir : defaultDir(result, settings);
            ResultWriter.write(summary, dir);
            out.println();
            out.print(ConsoleTable.render(summary));
            if (runner.resentRequests() > 0) {
                out.println(runner.resentRequests() + " request(s) resent on a fresh connection: the server closed a "
                        + "kept-alive connection before answering them");
            }
            if (result.cancelled()) {
                out.println("run interrupted: results so far are written");
            }
            out.println("results: " + dir.toAbsolutePath().normalize());
            out.flush();
            long ok = result.measuredRecords().stream().filter(r -> r.succeeded()).count();
            if (ok == 0 && !result.cancelled()) {
                throw new RunFailedException("every request failed (" + summary.errorCount() + "): "
                        + firstError(summary));
            }
            return ExitCodes.OK;
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

    private static Path defaultDir(RunResult result, ProfileSettings settings) {
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = (Map<String, Object>) result.configuration().get("endpoint");
        String model = String.valueOf(((java.util.List<?>) endpoint.get("model_names")).get(0));
        String name = model.replaceAll("[^A-Za-z0-9._-]", "_") + "-openai-" + settings.endpoint().option()
                + "-concurrency" + settings.concurrency();
        return Path.of("artifacts", name);
    }

    /** Checks every flag and builds the settings; a bad value is a {@link UsageException} naming the flag. */
    ProfileSettings settings() {
        if (load.concurrency < 1) {
            throw new UsageException("--concurrency must be >= 1, got " + load.concurrency);
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
                : durationNanos > 0 ? 0 : 10L * load.concurrency;
        return new ProfileSettings(parsedTarget, target.model, target.endpointType, target.streaming, headers, extra,
                Duration.ofMillis(Math.round(target.requestTimeoutSeconds * 1000)), target.insecure,
                load.concurrency, requestCount, durationNanos, load.warmupRequestCount, workload.isl,
                workload.osl == null ? -1 : workload.osl);
    }

    private static ProfileSettings withTarget(ProfileSettings s, Target t) {
        return new ProfileSettings(t, s.model(), s.endpoint(), s.streaming(), s.headers(), s.extraInputs(),
                s.requestTimeout(), s.insecure(), s.concurrency(), s.requestCount(), s.durationNanos(),
                s.warmupRequestCount(), s.isl(), s.osl());
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
