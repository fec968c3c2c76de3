package dev.tokenperf.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code tokenperf kube}: a sharded profile run as a Kubernetes Indexed Job. The subcommands hand everything that
 * speaks to the cluster to {@code dev.tokenperf.kube}, whose Kubernetes client loads only when one of them runs.
 */
@Command(name = "kube", mixinStandardHelpOptions = true,
        description = "Run a profile on Kubernetes: N pods, each one shard of the load, starting together; "
                + "collect and merge their results.",
        subcommands = {KubeProfileCommand.class, KubeResultsCommand.class, KubeDeleteCommand.class})
public final class KubeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}
