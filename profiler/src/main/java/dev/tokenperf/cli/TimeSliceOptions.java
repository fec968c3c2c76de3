package dev.tokenperf.cli;

import picocli.CommandLine.Option;

/** {@code --slice-duration}: every metric per slice of the measured phase, as aiperf. */
public final class TimeSliceOptions {
    @Option(names = "--slice-duration", paramLabel = "S",
            description = "Also compute every metric per S-second slice of the measured phase (by request start, "
                    + "as aiperf): profile_export_aiperf_timeslices.csv/.json and one histograms.hlog interval per "
                    + "slice; empty slices are listed. Must be shorter than --benchmark-duration.")
    Double sliceSeconds;

    /**
     * The slice length in nanoseconds, or 0 for none.
     *
     * @param phaseNanos the measured phase's planned duration, or 0 when it stops by count
     * @throws UsageException when the value is not a positive number shorter than the phase
     */
    long nanos(long phaseNanos) {
        if (sliceSeconds == null) {
            return 0;
        }
        if (!(sliceSeconds > 0) || sliceSeconds.isInfinite()) {
            throw new UsageException("--slice-duration must be > 0 seconds, got " + sliceSeconds);
        }
        long nanos = Math.round(sliceSeconds * 1e9);
        if (phaseNanos > 0 && nanos >= phaseNanos) {
            throw new UsageException("--slice-duration must be shorter than --benchmark-duration ("
                    + phaseNanos / 1e9 + " s), got " + sliceSeconds);
        }
        return nanos;
    }
}
