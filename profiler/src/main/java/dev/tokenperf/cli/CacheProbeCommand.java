package dev.tokenperf.cli;

import dev.tokenperf.profile.RunFailedException;
import dev.tokenperf.cacheprobe.CacheProbe;
import dev.tokenperf.cacheprobe.CacheProbes;
import dev.tokenperf.emulator.FaultInjection;
import dev.tokenperf.cacheprobe.DocumentSource;
import dev.tokenperf.cacheprobe.ProbeFailedException;
import dev.tokenperf.cacheprobe.ProbePlan;
import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.client.Target;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.GpuPowerModel;
import dev.tokenperf.energy.EnergyMeter;
import dev.tokenperf.emulator.PrefixCacheSettings;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.reports.ledger.LedgerEntries;
import dev.tokenperf.reports.ledger.LedgerEntry;
import dev.tokenperf.workloads.tokenizer.Tokenizer;
import dev.tokenperf.workloads.tokenizer.TokenizerResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tokenperf cache-probe}: cold vs warm time to first token of one long document, optionally with a
 * cache flush in between, against any OpenAI-compatible server or the built-in emulator.
 */
@Command(name = "cache-probe", mixinStandardHelpOptions = true,
        description = {"Does the server's KV (prefix) cache help? Sends one long document cold, then warm "
                + "(optionally after a flush), and compares the times to first token.",
                "Rows go to --out as JSONL: run_index, context_tokens, ttft_seconds, then flushed_before, "
                        + "cached_tokens (when the server reports them), max_ctx_tokens, warm."})
public final class CacheProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-u", "--url"}, defaultValue = "http://localhost:8000",
            description = "Server base URL (a trailing /v1 is accepted). Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--api-key", defaultValue = "EMPTY",
            description = "Bearer token. Default: ${DEFAULT-VALUE}. Never written to outputs or logs.")
    String apiKey;

    @Option(names = {"-m", "--model"}, description = "Model name. Default: the first id from GET /v1/models.")
    String model;

    @Option(names = {"-C", "--context-file"}, arity = "0..1", fallbackValue = "", paramLabel = "PATH",
            description = "The document: omitted, synthetic filler sized to the context limit; with no PATH, the "
                    + "technical manual bundled in the jar (300 KB); with PATH, that file.")
    String contextFile;

    @Option(names = "--max-ctx-tokens", paramLabel = "N", defaultValue = "131072",
            description = "The model's context length: document + prompt + template stay within N minus a "
                    + "2048-token margin. Default: ${DEFAULT-VALUE}.")
    int maxContextTokens;

    @Option(names = "--context-sizes", paramLabel = "N,N...", split = ",",
            description = "Probe several context lengths in one run (instead of --max-ctx-tokens); all rows go "
                    + "to --out, and a PNG next to it plots cold and warm TTFT against context length.")
    List<Integer> contextSizes;

    @Option(names = "--prompt", defaultValue = "Summarize this text",
            description = "The question after the document. Default: \"${DEFAULT-VALUE}\".")
    String prompt;

    @Option(names = "--num-following", paramLabel = "N", defaultValue = "1",
            description = "Requests measured after the cold baseline. Default: ${DEFAULT-VALUE}.")
    int numFollowing;

    @Option(names = {"-F", "--flush-cache"},
            description = "After run 1, flush the cache with " + "ten 1-token requests on unrelated "
                    + "~100,000-character documents; run 2 is then cold again.")
    boolean flush;

    @Option(names = "--out", paramLabel = "FILE.jsonl", defaultValue = "benchmark.jsonl",
            description = "Rows, one JSON object per request; cleared at start. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--tokenizer", paramLabel = "PATH|ID",
            description = "The model's tokenizer (tokenizer.json, a folder holding one, or a cached HuggingFace id) "
                    + "to cut the document. Default: none, about 4 characters per token.")
    String tokenizer;

    @Option(names = "--request-timeout", paramLabel = "S", defaultValue = "600",
            description = "Seconds before a request fails as a timeout. Default: ${DEFAULT-VALUE}.")
    double requestTimeoutSeconds;

    @Option(names = "--emulate",
            description = "Start the built-in emulator on a free 127.0.0.1 port and probe it (ignores --url); "
                    + "give it a prefix cache with --kv-cache-tokens.")
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

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        if (emulate && spec.commandLine().getParseResult().hasMatchedOption("--url")) {
            throw new UsageException("--emulate starts its own server; drop --url or --emulate");
        }
        // with --emulate the target is a placeholder until the emulator has its port
        ProbePlan plan = plan(emulate ? Target.parse("http://127.0.0.1:1") : target());
        PrefixCacheSettings cache = prefixCache.settings();
        ledger.validate();
        telemetry.validate();
        GpuPowerModel gpuPower = gpu.model();
        EmulatorServer server = null;
        EnergyMeter meter = null;
        try {
            if (emulate) {
                server = EmulatorServer.start(emulator.timing(), ServingModel.DEFAULTS, null, false,
                        emulator.stall(), 0, emulator.threads, null, cache, gpuPower, FaultInjection.NONE);
                console.println("emulator: " + server.url() + " (ttft " + emulator.ttftMillis + " ms + "
                        + emulator.prefillMicrosPerToken + " us per uncached prompt token; "
                        + (cache.enabled() ? "prefix cache " + cache.capacityTokens() + " tokens in blocks of "
                        + cache.blockSize() : "no prefix cache") + ")");
                plan = plan.withTarget(Target.parse(server.url()));
            }
            meter = telemetry.probedMeter(plan.target(), console);
            List<CacheProbe.LimitResult> results = CacheProbes.run(plan, console, System.console() != null, meter);
            record(results, plan);
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage()); // --out unwritable: found as the file is opened, before a request
        } catch (ProbeFailedException e) {
            List<CacheProbe.LimitResult> measured = e.measured().isEmpty()
                    ? List.of(new CacheProbe.LimitResult(plan.model() == null ? "" : plan.model(),
                    plan.contextLimits().get(0), List.of(), List.of(), 0, Instant.now(), null, e.getMessage(), null))
                    : e.measured();
            record(measured, plan);
            throw new RunFailedException(e.getMessage());
        } catch (IOException e) {
            throw new RunFailedException("cache-probe: " + e.getMessage());
        } finally {
            if (meter != null) {
                meter.close();
            }
            if (server != null) {
                server.close();
            }
            if (plan.tokenizer() != null) {
                plan.tokenizer().close();
            }
        }
    }

    /** One ledger row per context limit, failed ones with their error, when --ledger asks for it. */
    private void record(List<CacheProbe.LimitResult> results, ProbePlan plan) {
        if (!ledger.enabled()) {
            return;
        }
        for (CacheProbe.LimitResult r : results) {
            LedgerEntry.Energy energy = r.energy() == null || r.energy().isEmpty() ? null
                    : new LedgerEntry.Energy(r.energy().window().joules(), r.energy().gramsCo2PerKwh());
            ledger.append(LedgerEntries.of(r.model(), ledger.labels(), r.records(), r.windowNanos() / 1e9, r.end(),
                    r.error(), plan.out().toAbsolutePath().normalize().toString(), energy));
        }
        spec.commandLine().getOut().println("ledger: " + results.size() + " row(s) appended to " + ledger.file);
    }

    private Target target() {
        try {
            return Target.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url " + e.getMessage());
        }
    }

    /** Every flag checked, the document read and the tokenizer loaded: all before any request. */
    private ProbePlan plan(Target target) {
        RequestHeaders headers;
        try {
            headers = RequestHeaders.of(apiKey, List.of());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!(requestTimeoutSeconds > 0)) {
            throw new UsageException("--request-timeout (" + requestTimeoutSeconds + ") must be > 0");
        }
        List<Integer> limits = contextSizes == null || contextSizes.isEmpty() ? List.of(maxContextTokens)
                : contextSizes;
        Tokenizer opened = null;
        try {
            DocumentSource document = contextFile == null ? new DocumentSource.Synthetic()
                    : contextFile.isEmpty() ? new DocumentSource.Bundled() : DocumentSource.File.read(Path.of(contextFile));
            opened = tokenizer == null ? null : new TokenizerResolver(System.getenv()).resolve(tokenizer);
            return new ProbePlan(target, headers, model, document, prompt, limits, numFollowing, flush, out, opened,
                    Duration.ofNanos(Math.round(requestTimeoutSeconds * 1e9)));
        } catch (IllegalArgumentException e) {
            close(opened);
            throw new UsageException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            close(opened);
            throw new UsageException("--tokenizer " + tokenizer + ": cannot load: " + e.getMessage());
        }
    }

    private static void close(Tokenizer tokenizer) {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
