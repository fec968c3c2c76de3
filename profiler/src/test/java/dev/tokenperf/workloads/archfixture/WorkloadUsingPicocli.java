package dev.tokenperf.workloads.archfixture;

import picocli.CommandLine;

/** Breaks the architecture on purpose (test-only): a workloads class that parses a command line. */
public final class WorkloadUsingPicocli {
    int parse(CommandLine commandLine, String... args) {
        return commandLine.execute(args);
    }
}
