package dev.tokenperf.reports.compare;

import java.util.List;

/**
 * One metric, base against candidate: its statistics side by side and at most one significance statement.
 *
 * @param tag          the metric's tag
 * @param header       the metric's display name
 * @param unit         the display unit
 * @param stats        {@code p50}, {@code p90}, {@code p99}, {@code avg} of a per-request metric, or {@code value}
 *                     of a run-level metric; the first is the headline
 * @param change       {@code better}, {@code worse}, {@code same}, or {@code changed} for a metric without
 *                     direction, judged on the headline statistic
 * @param significance the metric's test, or null when there is none (a run-level metric of single runs)
 */
public record ComparisonRow(String tag, String header, String unit, List<StatDelta> stats, String change,
                            Significance significance) {

    public ComparisonRow {
        stats = List.copyOf(stats);
    }

    /** The headline statistic: p50, or the value of a run-level metric. */
    public StatDelta headline() {
        return stats.get(0);
    }

    /** Whether the metric moved significantly (false when untested). */
    public boolean significant() {
        return significance != null && significance.significant();
    }

    /**
     * One statistic of both runs.
     *
     * @param stat          {@code p50}, {@code p90}, {@code p99}, {@code avg} or {@code value}
     * @param base          the base's value
     * @param candidate     the candidate's value
     * @param relativeDelta (candidate - base) / |base|, NaN when base is 0
     */
    public record StatDelta(String stat, double base, double candidate, double relativeDelta) {
        public static StatDelta of(String stat, double base, double candidate) {
            return new StatDelta(stat, base, candidate, base == 0 ? Double.NaN : (candidate - base) / Math.abs(base));
        }

        public double absoluteDelta() {
            return candidate - base;
        }
    }
}
