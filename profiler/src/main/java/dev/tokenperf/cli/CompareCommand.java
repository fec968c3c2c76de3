package dev.tokenperf.cli;

import dev.tokenperf.reports.compare.Comparison;
import dev.tokenperf.reports.compare.ComparisonRenderer;
import dev.tokenperf.reports.compare.RunComparator;
import dev.tokenperf.reports.compare.WorkloadSpec;
import dev.tokenperf.reports.load.SavedRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tokenperf compare BASE CANDIDATE...}: side-by-side statistics with deltas and significance. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare saved results of the same workload: each CANDIDATE against BASE, per metric and "
                + "statistic, with deltas, better/worse and one Mann-Whitney U significance line per metric.",
                "A directory of repeated runs (--num-profile-runs) is compared by its means across runs; its "
                        + "run-level metrics are tested across runs (Welch t) instead of n/a."})
public final class CompareCommand implements Callable<Integer> {

    /** The output formats. */
    enum Format { console, markdown, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE",
            description = "The base result directory, or the base directory of repeated runs.")
    Path base;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CANDIDATE",
            description = "One or more result directories (or base directories of repeated runs) to compare with BASE.")
    List<Path> candidates;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "console",
            description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the output to FILE too.")
    Path output;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05",
            description = "Significance level of the Mann-Whitney U test. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--min-effect", paramLabel = "PCT", defaultValue = "2",
            description = "Smallest median shift, in percent, called significant. Default: ${DEFAULT-VALUE}.")
    double minEffectPercent;

    @Option(names = "--allow-different-workloads",
            description = "Compare even when the workload specifications differ (endpoint, ISL/OSL, dataset, "
                    + "tokenizer, load shape, prefix); the differences are listed. Different seeds need no flag.")
    boolean allowDifferentWorkloads;

    @Option(names = "--all", description = "Show every metric. Default: TTFT, ITL, TTST, request latency, "
            + "throughputs and errors.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        if (!(alpha > 0 && alpha < 1)) {
            throw new UsageException("--alpha must be between 0 and 1 (exclusive), got " + alpha);
        }
        if (!(minEffectPercent >= 0)) {
            throw new UsageException("--min-effect must be >= 0 percent, got " + minEffectPercent);
        }
        if (output != null) {
            WritablePaths.requireFile(output, "-o/--output");
        }
        SavedRuns baseResult = ResultDirs.readRuns(base);
        List<Comparison> comparisons = new ArrayList<>();
        for (Path candidate : candidates) {
            SavedRuns candidateResult = ResultDirs.readRuns(candidate);
            if (!allowDifferentWorkloads) {
                try {
                    WorkloadSpec.requireSame(List.of(baseResult.first(), candidateResult.first()), "compare", false);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            Comparison comparison = RunComparator.compare(baseResult, candidateResult, alpha, minEffectPercent / 100);
            comparisons.add(all ? comparison : comparison.only(RunComparator.DEFAULT_METRICS));
        }
        String text = switch (format) {
            case console -> ComparisonRenderer.console(comparisons);
            case markdown -> ComparisonRenderer.markdown(comparisons);
            case json -> ComparisonRenderer.json(comparisons);
        };
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        if (output != null) {
            Files.writeString(output, text, StandardCharsets.UTF_8);
            out.println("written: " + output);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
