package dev.tokenperf.cli;

import picocli.CommandLine.Option;

/** {@code --plots} on profile: draw the run's charts and report when it ends. */
public final class PlotOptions {
    @Option(names = "--plots", description = "After the run, write PNG charts and report.html to RESULT_DIR/plots "
            + "(a sweep: SWEEP/plots, led by sweep_ttft.png, TTFT p50/p90/p99 against the load with any --predict-with "
            + "prediction dashed beside it).")
    boolean plots;
}
