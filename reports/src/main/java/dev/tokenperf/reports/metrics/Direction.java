package dev.tokenperf.reports.metrics;

/** Which way a metric improves; comparisons and gates use it to call a change better or worse. */
public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER,
    NEUTRAL
}
