package dev.tokenperf.cli;

import dev.tokenperf.reports.export.ConsoleTable;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.merge.ResultMerger;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            description = "The runs happened at the same time (several clients, or the --shard results of one "
                    + "plan, which must then be all of its shards): the duration is the union of their measured "
                    + "windows and throughputs add up; reports how far apart they started. Default: one after the "
                    + "other, durations add up.")
    boolean concurrent;

    @Option(names = "--allow-partial",
            description = "With --concurrent shards: merge even when some shards are missing (a warning).")
    boolean allowPartial;

    @Option(names = "--allow-different-workloads", description = "Merge even when the workloads differ.")
    boolean allowDifferentWorkloads;

    @Override
    public Integer call() throws Exception {
        WritablePaths.requireDirectory(outputDir, "--output-dir");
        RunSummary merged;
        try {
            merged = ResultMerger.merge(ResultDirs.readAll(inputs), concurrent, allowDifferentWorkloads,
                    allowPartial);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ResultWriter.write(merged, outputDir);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConsoleTable.render(merged));
        if (merged.result().configuration().get(RunResult.MERGED_KEY) instanceof Map<?, ?> how) {
            describeShards(how, out);
        }
        out.println("merged " + inputs.size() + " results: " + outputDir.toAbsolutePath().normalize());
        out.flush();
        return ExitCodes.OK;
    }

    /** The shards' start skew and any warning, e.g. {@code shards: 2 of 2, started 3.2 ms apart}. */
    private static void describeShards(Map<?, ?> how, PrintWriter out) {
        if (how.get("warnings") instanceof List<?> warnings) {
            warnings.forEach(w -> out.println("warning: " + w));
        }
        Object count = how.get("shard_count");
        Object skew = how.get("start_skew_ms");
        if (count != null || skew != null) {
            out.println((count == null ? "clients" : "shards of " + count) + ": started "
                    + (skew == null ? "at unknown times (a result recorded no start)"
                    : String.format(Locale.ROOT, "%.1f ms apart", ((Number) skew).doubleValue())));
        }
    }
}
