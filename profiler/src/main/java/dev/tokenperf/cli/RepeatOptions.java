package dev.tokenperf.cli;

import picocli.CommandLine.Option;

/** Repeated runs of one plan with confidence intervals across them, as aiperf. */
public final class RepeatOptions {
    @Option(names = "--num-profile-runs", paramLabel = "N", defaultValue = "1",
            description = "Run the same plan N times (each in OUTPUT_DIR/profile_runs/run_000i) and write an "
                    + "aggregate with each metric's mean, stddev, CV and t-interval. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--confidence-level", paramLabel = "P", defaultValue = "0.95",
            description = "Confidence level of the across-run t-intervals. Default: ${DEFAULT-VALUE}.")
    double confidenceLevel;

    @Option(names = "--profile-run-cooldown-seconds", paramLabel = "S", defaultValue = "0",
            description = "Pause between repeated runs so the server settles. Default: ${DEFAULT-VALUE}.")
    double cooldownSeconds;

    /** Checks the values before any load. */
    void validate() {
        if (runs < 1) {
            throw new UsageException("--num-profile-runs must be >= 1, got " + runs);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new UsageException("--confidence-level must be between 0 and 1 (exclusive), got " + confidenceLevel);
        }
        if (!(cooldownSeconds >= 0) || Double.isInfinite(cooldownSeconds)) {
            throw new UsageException("--profile-run-cooldown-seconds must be >= 0, got " + cooldownSeconds);
        }
    }
}
