package dev.tokenperf.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The top-level {@code tokenperf} command: lists the subcommands. */
@Command(name = "tokenperf", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Load-generation profiler for OpenAI-compatible LLM inference servers.",
        subcommands = {ProfileCommand.class, EmulateCommand.class, MergeCommand.class, CompareCommand.class,
                GateCommand.class, PlotCommand.class, BenchClientCommand.class, CacheProbeCommand.class,
                LedgerCommand.class, SimulateCommand.class, KubeCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 run failed, 2 usage error, 3 gate failed."})
public final class TokenperfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
