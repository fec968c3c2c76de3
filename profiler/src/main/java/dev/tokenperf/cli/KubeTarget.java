package dev.tokenperf.cli;

import dev.tokenperf.kube.KubeNames;
import picocli.CommandLine.Option;

/** The namespace every {@code kube} subcommand works in. */
public final class KubeTarget {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "Kubernetes namespace. Default: ${DEFAULT-VALUE}.")
    String namespace;

    /** The namespace, checked: a bad one is a usage error before any API call. */
    String namespace() {
        try {
            return KubeNames.requireName(namespace, "--namespace", 63);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
