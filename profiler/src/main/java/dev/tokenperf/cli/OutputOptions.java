package dev.tokenperf.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where results go. */
public final class OutputOptions {
    // aiperf's names for the same directory, so that aiperf command lines keep working
    @Option(names = {"--output-dir", "--artifact-dir", "--output-artifact-dir"}, paramLabel = "DIR",
            description = "Result directory (aiperf's --artifact-dir and --output-artifact-dir are aliases). "
                    + "Default: ./artifacts/<model>-<endpoint>-<load>/.")
    Path outputDir;
}
