package dev.tokenperf.cli;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.simulate.EmpiricalLengths;
import dev.tokenperf.simulate.ModelFit;
import dev.tokenperf.simulate.PoolSizeFit;
import dev.tokenperf.simulate.SavedSweep;
import dev.tokenperf.simulate.SimulationConfig;
import dev.tokenperf.simulate.SimulationExport;
import dev.tokenperf.simulate.SimulationFile;
import dev.tokenperf.simulate.SimulationResult;
import dev.tokenperf.simulate.SimulationTable;
import dev.tokenperf.simulate.Simulator;
import dev.tokenperf.simulate.Sweep;
import dev.tokenperf.simulate.SweepCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code tokenperf simulate}: the emulator's queueing model run in simulated time, for capacity planning
 * before the hardware exists. Values come from the flags, else from {@code --config}, else the defaults.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate aggregated or disaggregated serving (FIFO prefill and decode pools) in simulated "
                + "time: TTFT percentiles, queue waits, utilisation per pool and throughput, without a server.",
                "The pool code is the emulator's, so with the same --config it predicts what "
                        + "'profile --emulate --emulator-config FILE' measures."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML with mode, arrival, cluster_disagg, cluster_agg, prompt_tokens, output_tokens, "
                    + "sim_seconds, warmup_seconds, seed (see the README); flags win.")
    Path config;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "agg (one pool of GPUs that prefill then decode), disagg (= disagg-decode-first: TTFT = "
                    + "prefill wait + prefill + transfer + decode wait + one step) or disagg-prefill-first. "
                    + "Default: disagg.")
    String mode;

    @Option(names = "--rate", paramLabel = "R", description = "Arrival rate, requests/s. Default: 2.")
    Double rate;

    @Option(names = "--rates", paramLabel = "R,R,...", split = ",",
            description = "Rate sweep: simulate each rate in agg and disagg mode side by side (or, with several "
                    + "--prefill-tokens-per-s, each prefill rate), name the knee and the pool that saturates first.")
    List<Double> rates;

    @Option(names = "--arrival", paramLabel = "PATTERN",
            description = "Arrival pattern: poisson, constant or gamma. Default: poisson.")
    String arrival;

    @Option(names = "--arrival-smoothness", paramLabel = "K",
            description = "Gamma shape K (CV = 1/sqrt(K)). Default: 1.")
    Double smoothness;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Arrive at a mooncake trace's timestamps with its input/output lengths (the reader of "
                    + "profile --fixed-schedule).")
    Path trace;

    @Option(names = "--prefill-gpus", paramLabel = "N", description = "G_p, prefill GPUs. Default: 1.")
    Integer prefillGpus;

    @Option(names = "--prefill-tokens-per-s", paramLabel = "R[,R...]", split = ",",
            description = "r_p, prompt tokens/s of one prefill GPU (also agg's). Several values with --rates: a "
                    + "prefill-sensitivity sweep. Default: 8000.")
    List<Double> prefillTokensPerSecond;

    @Option(names = "--decode-gpus", paramLabel = "N", description = "G_d, decode GPUs. Default: 2.")
    Integer decodeGpus;

    @Option(names = "--decode-tokens-per-s", paramLabel = "R",
            description = "r_d, tokens/s of one sequence decoding alone (also agg's). Default: 50.")
    Double decodeTokensPerSecond;

    @Option(names = "--decode-max-batch", paramLabel = "N",
            description = "Sequences one decode (or agg) GPU runs at once; 1 is the pure two-queue model. "
                    + "Default: 16.")
    Integer decodeMaxBatch;

    @Option(names = "--decode-batch-growth", paramLabel = "F",
            description = "Fraction each other sequence in a batch adds to a decode step. Default: 0.")
    Double decodeBatchGrowth;

    @Option(names = "--kv-transfer-ms", paramLabel = "MS", description = "KV transfer per request. Default: 0.")
    Double kvTransferMillis;

    @Option(names = "--kv-transfer-us-per-token", paramLabel = "US",
            description = "KV transfer per prompt token. Default: 0.")
    Double kvTransferMicrosPerToken;

    @Option(names = "--agg-gpus", paramLabel = "N", description = "GPUs of the agg pool. Default: 3.")
    Integer aggGpus;

    @Option(names = "--prompt-tokens", paramLabel = "SPEC",
            description = "Prompt lengths: log:MU,SIGMA, real_mean_std:MEAN,STD, p50_p90:P50,P90, constant:N or "
                    + "empirical:PATH (drawn from a result directory or its profile_export.jsonl, or a "
                    + "single_turn, multi_turn, sharegpt or mooncake_trace dataset). Default: real_mean_std:1024,512.")
    String promptTokens;

    @Option(names = "--output-tokens", paramLabel = "SPEC",
            description = "Output lengths, in the same forms (empirical: a dataset's output_length, a ShareGPT "
                    + "answer's tokens, or a result's). Default: p50_p90:128,512.")
    String outputTokens;

    @Option(names = "--tokenizer", paramLabel = "PATH|ID",
            description = "Counts the prompts of an empirical text dataset, as profile does: a tokenizer.json, a "
                    + "folder holding one, or a cached HuggingFace model id. Default: the embedded o200k_base.")
    String tokenizer;

    @Option(names = "--sim-seconds", paramLabel = "S", description = "Simulated seconds of arrivals. Default: 600.")
    Double simSeconds;

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "First simulated seconds left out of every statistic. Default: 60.")
    Double warmupSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed; equal seeds, equal results. Default: 42.")
    Long seed;

    @Option(names = "--from", paramLabel = "RESULT_DIR|SWEEP_DIR",
            description = "Fit r_p (TTFT against prompt length) and r_d (1 / mean ITL) to a saved low-load run, "
                    + "print them with their standard errors, and simulate with them and the run's token lengths. "
                    + "A profile --request-rate sweep's directory: r_p and r_d from its lowest rate, and the pool "
                    + "sizes from the throughput at its top rate (the saturated pool's size; the others, or all when "
                    + "nothing saturated, lower bounds). Flags and --config still win.")
    Path from;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Also save the table as DIR/simulation.json and .csv (a sweep: DIR/sweep.json, .csv, "
                    + "sweep-ttft.png and sweep-utilisation.png).")
    Path outputDir;

    @Override
    public Integer call() throws IOException {
        boolean prefillSweep = prefillTokensPerSecond != null && prefillTokensPerSecond.size() > 1;
        if (prefillSweep && rates == null) {
            throw new UsageException("--prefill-tokens-per-s with several values is a sweep across rates: add --rates");
        }
        if (rates != null && rates.stream().anyMatch(r -> !(r > 0) || r.isInfinite())) {
            throw new UsageException("--rates " + rates + ": every rate must be > 0");
        }
        SavedSweep measured = from != null && SavedSweep.isSweep(from) ? resolve(() -> SavedSweep.read(from)) : null;
        ModelFit fit = from == null ? null
                : resolve(() -> ModelFit.of(measured != null ? measured.lowest() : ResultDirs.read(from)));
        SimulationFile file = settings(fit, prefillSweep ? null : single(prefillTokensPerSecond));
        PoolSizeFit pools = measured == null ? null : resolve(() -> file.fitPools(measured.saturation(), fit));
        SimulationConfig base = resolve(() -> file.config());
        if (rates != null && base.arrivals().trace() != null) {
            throw new UsageException("--rates: a trace (--trace or arrival.trace) sets its own arrival rate");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (fit != null) {
            out.println(fit.describe());
        }
        if (pools != null) {
            printPools(out, pools, measured, file);
        }
        out.print(SimulationTable.describe(base));
        out.println();
        long startNanos = System.nanoTime();
        Sweep sweep = rates == null ? null : Sweep.run(curves(file, base, prefillSweep), rates);
        List<SimulationResult> results = sweep == null ? List.of(Simulator.run(base)) : sweep.results();
        long wallNanos = System.nanoTime() - startNanos;
        out.print(SimulationTable.render(results));
        if (sweep != null) {
            sweep.findings().forEach(out::println);
        }
        out.printf(Locale.US, "simulated in %.0f ms of wall time%n", wallNanos / 1e6);
        if (outputDir != null) {
            String name = sweep == null ? "simulation" : "sweep";
            Map<String, Object> findings = new LinkedHashMap<>(sweep == null ? Map.of() : sweep.findingsJson());
            if (fit != null) {
                findings.put("fit", fit.toJson());
            }
            if (pools != null) {
                findings.put("pool_fit", pools.toJson());
            }
            if (base.arrivals().trace() == null) {
                findings.put("prompt_tokens", base.promptTokens().toJson());
                findings.put("output_tokens", base.outputTokens().toJson());
            }
            List<Path> written = new ArrayList<>(SimulationExport.write(outputDir, name, results, findings));
            if (sweep != null) {
                written.addAll(SweepCharts.write(outputDir, name, sweep));
            }
            written.forEach(w -> out.println("wrote " + w));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void printPools(PrintWriter out, PoolSizeFit pools, SavedSweep measured, SimulationFile file) {
        out.println("pool sizes from " + measured.dir() + ": " + pools.finding());
        pools.lines(file::givenBy).forEach(line -> out.println("  " + line));
        if (!measured.topStatus().equals("ok")) {
            out.println("  note: the top rate's run is marked " + measured.topStatus() + ", so its throughput may be "
                    + "the client's limit, not the server's");
        }
    }

    /**
     * The curves of a sweep: one per prefill rate in the configured mode, or else agg and the configured
     * disaggregated mode side by side.
     */
    private Map<String, SimulationConfig> curves(SimulationFile file, SimulationConfig base, boolean prefillSweep) {
        Map<String, SimulationConfig> curves = new LinkedHashMap<>();
        if (prefillSweep) {
            for (double rp : prefillTokensPerSecond) {
                file.flag("cluster_disagg.prefill_tokens_per_s", "--prefill-tokens-per-s", rp)
                        .flag("cluster_agg.prefill_tokens_per_s", "--prefill-tokens-per-s", rp);
                SimulationConfig config = resolve(() -> file.config());
                curves.put(SimulationTable.label(config.model()) + " r_p " + SimulationTable.fmt(rp), config);
            }
            return curves;
        }
        SimulationConfig disagg = base.model().mode() == ServingMode.AGGREGATED_POOL
                ? resolve(() -> file.config("disagg")) : base;
        curves.put("agg", resolve(() -> file.config("agg")));
        curves.put(SimulationTable.label(disagg.model()), disagg);
        return curves;
    }

    private static Double single(List<Double> values) {
        return values == null ? null : values.get(0);
    }

    private SimulationFile settings(ModelFit fit, Double prefillRate) {
        SimulationFile file = resolve(() -> SimulationFile.read(config))
                .empirical(new EmpiricalLengths(() -> TokenizerOptions.open(tokenizer)));
        if (fit != null) {
            file.fit(fit);
        }
        return file.flag("mode", "--mode", mode)
                .flag("arrival.rate_per_s", "--rate", rate)
                .flag("arrival.pattern", "--arrival", arrival)
                .flag("arrival.smoothness", "--arrival-smoothness", smoothness)
                .flag("arrival.trace", "--trace", trace)
                .flag("cluster_disagg.prefill_gpus", "--prefill-gpus", prefillGpus)
                .flag("cluster_disagg.prefill_tokens_per_s", "--prefill-tokens-per-s", prefillRate)
                .flag("cluster_disagg.decode_gpus", "--decode-gpus", decodeGpus)
                .flag("cluster_disagg.decode_tokens_per_s", "--decode-tokens-per-s", decodeTokensPerSecond)
                .flag("cluster_disagg.decode_max_batch", "--decode-max-batch", decodeMaxBatch)
                .flag("cluster_disagg.decode_batch_growth", "--decode-batch-growth", decodeBatchGrowth)
                .flag("cluster_disagg.kv_transfer_ms", "--kv-transfer-ms", kvTransferMillis)
                .flag("cluster_disagg.kv_transfer_us_per_token", "--kv-transfer-us-per-token",
                        kvTransferMicrosPerToken)
                .flag("cluster_agg.gpus", "--agg-gpus", aggGpus)
                .flag("cluster_agg.prefill_tokens_per_s", "--prefill-tokens-per-s", prefillRate)
                .flag("cluster_agg.decode_tokens_per_s", "--decode-tokens-per-s", decodeTokensPerSecond)
                .flag("cluster_agg.max_batch", "--decode-max-batch", decodeMaxBatch)
                .flag("cluster_agg.batch_growth", "--decode-batch-growth", decodeBatchGrowth)
                .flag("prompt_tokens", "--prompt-tokens", promptTokens)
                .flag("output_tokens", "--output-tokens", outputTokens)
                .flag("sim_seconds", "--sim-seconds", simSeconds)
                .flag("warmup_seconds", "--warmup-seconds", warmupSeconds)
                .flag("seed", "--seed", seed);
    }

    /** Runs a step that reads the configuration, turning its messages into usage errors. */
    private static <T> T resolve(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
