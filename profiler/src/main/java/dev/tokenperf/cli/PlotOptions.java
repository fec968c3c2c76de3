package dev.tokenperf.cli;

import picocli.CommandLine.Option;

/** {@code --plots} on profile: draw the run's charts and report when it ends. */
public final class PlotOptions {
    @Option(names = "--plots", description = "After the run, write PNG charts and report.html to RESULT_DIR/plots.")
    boolean plots;
}
