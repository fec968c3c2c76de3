package dev.tokenperf.cli;

import dev.tokenperf.reports.export.ConsoleTable;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.merge.ResultMerger;
import dev.tokenperf.reports.summary.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tokenperf merge RESULT_DIR... --output-dir DIR}: one result from several runs of the same workload. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Merge results of the same workload (repeated runs, or several client machines with "
                + "--concurrent) into one result; percentiles come from the merged histograms.")
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "RESULT_DIR", description = "Result directories to merge.")
    List<Path> inputs;

    @Option(names = "--output-dir", paramLabel = "DIR", required = true, description = "Where the merged result goes.")
    Path outputDir;

    @Option(names = "--concurrent",
            description = "The runs happened at the same time (several clients): duration is the longest run's "
                    + "and throughputs add up. Default: one after the other, durations add up.")
    boolean concurrent;

    @Option(names = "--allow-different-workloads", description = "Merge even when the workloads differ.")
    boolean allowDifferentWorkloads;

    @Override
    public Integer call() throws Exception {
        WritablePaths.requireDirectory(outputDir, "--output-dir");
        RunSummary merged;
        try {
            merged = ResultMerger.merge(ResultDirs.readAll(inputs), concurrent, allowDifferentWorkloads);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ResultWriter.write(merged, outputDir);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConsoleTable.render(merged));
        out.println("merged " + inputs.size() + " results: " + outputDir.toAbsolutePath().normalize());
        out.flush();
        return ExitCodes.OK;
    }
}
