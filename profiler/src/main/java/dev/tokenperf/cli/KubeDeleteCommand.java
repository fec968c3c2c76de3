package dev.tokenperf.cli;

import dev.tokenperf.kube.KubeCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tokenperf kube delete JOB}: the Job and, in the background, its pods. The results claim stays. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a run's Job and its pods (their results on the claim stay).")
public final class KubeDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KubeTarget target;

    @Mixin
    KubeJobArg jobArg;

    @Override
    public Integer call() {
        String namespace = target.namespace();
        String job = jobArg.job();
        boolean deleted;
        try (KubeCluster cluster = KubeCluster.connect()) {
            deleted = cluster.delete(namespace, job);
        }
        if (!deleted) {
            throw new UsageException("JOB: no Job named " + job + " in namespace " + namespace);
        }
        spec.commandLine().getOut().println("deleted Job " + job + " in namespace " + namespace);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
