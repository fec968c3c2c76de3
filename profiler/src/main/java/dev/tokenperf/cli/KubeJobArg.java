package dev.tokenperf.cli;

import dev.tokenperf.kube.KubeNames;
import picocli.CommandLine.Parameters;

/** The run a {@code kube results} or {@code kube delete} acts on: the Job's name. */
public final class KubeJobArg {
    @Parameters(paramLabel = "JOB", description = "The Job's name, as kube profile printed it.")
    String job;

    /** The name, checked: a bad one is a usage error before any API call. */
    String job() {
        UsageException.check(() -> KubeNames.requireName(job, "JOB", KubeNames.MAX_JOB_NAME));
        return job;
    }
}
