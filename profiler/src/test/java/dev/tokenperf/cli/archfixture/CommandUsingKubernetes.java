package dev.tokenperf.cli.archfixture;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Breaks the architecture on purpose (test-only): a command that builds a Kubernetes object itself. */
public final class CommandUsingKubernetes {
    String name(Job job) {
        return job.getMetadata().getName();
    }
}
