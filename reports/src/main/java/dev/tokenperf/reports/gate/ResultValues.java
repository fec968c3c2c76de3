package dev.tokenperf.reports.gate;

import java.util.OptionalDouble;

/** Where a gate reads statistics from: a saved result's {@code profile_export_aiperf.json}, possibly with goodput added. */
@FunctionalInterface
public interface ResultValues {
    /** The statistic ({@code avg} for a run-level metric) in the metric's display unit, if the result has it. */
    OptionalDouble value(String tag, String stat);
}
