package dev.tokenperf.cli;

import dev.tokenperf.reports.compare.WorkloadSpec;
import dev.tokenperf.reports.load.SavedRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tokenperf plot RESULT_DIR...}: PNG charts and a self-contained HTML report from saved results. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw PNG charts (TTFT over time, TTFT and ITL CDFs, latency vs output length; several runs "
                + "overlaid, with grouped bars) and a self-contained report.html.",
                "A result with time slices (--slice-duration) adds TTFT/ITL p50/p99 and throughput per slice; "
                        + "repeated runs (--num-profile-runs' directory) add each run's value with the mean and "
                        + "its interval.",
                "The first RESULT_DIR is the base that the others are compared with in the report."})
public final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT_DIR", description = "Result directories written by profile, or "
            + "base directories of repeated runs.")
    List<Path> inputs;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Where charts and report.html go. Default: RESULT_DIR/plots for one result, "
                    + "./artifacts/comparison for several.")
    Path outputDir;

    @Option(names = "--allow-different-workloads",
            description = "Plot together even when the workload specifications differ (as compare).")
    boolean allowDifferentWorkloads;

    @Override
    public Integer call() throws Exception {
        Path dir = outputDir != null ? outputDir
                : inputs.size() == 1 ? inputs.get(0).resolve("plots") : Path.of("artifacts", "comparison");
        WritablePaths.requireDirectory(dir, "--output-dir");
        List<SavedRuns> sides = inputs.stream().map(ResultDirs::readRuns).toList();
        if (!allowDifferentWorkloads) {
            try {
                WorkloadSpec.requireSame(sides.stream().map(SavedRuns::first).toList(), "plot", true);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        Plotter.plot(sides, dir, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
