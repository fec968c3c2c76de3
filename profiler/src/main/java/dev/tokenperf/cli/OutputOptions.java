package dev.tokenperf.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where results go. */
public final class OutputOptions {
    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Result directory. Default: ./artifacts/<model>-<endpoint>-<load>/.")
    Path outputDir;
}
