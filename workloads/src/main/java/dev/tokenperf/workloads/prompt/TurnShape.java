package dev.tokenperf.workloads.prompt;

/**
 * How synthetic sessions are shaped and how think times are scaled (aiperf's {@code --conversation-turn-*}
 * options; the run plan checks their ranges).
 *
 * @param turnMean          mean turns per session
 * @param turnStddev        spread of turns per session (normal, rounded, at least 1)
 * @param delayMeanMillis   mean think time before each turn after the first
 * @param delayStddevMillis spread of the think time (normal, cut at 0)
 * @param delayRatio        factor on every think time, synthetic or from a dataset (0 removes them)
 */
public record TurnShape(double turnMean, double turnStddev, double delayMeanMillis, double delayStddevMillis,
                        double delayRatio) {
}
