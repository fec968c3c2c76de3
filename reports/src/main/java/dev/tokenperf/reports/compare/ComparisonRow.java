package dev.tokenperf.reports.compare;

/**
 * One statistic of one metric, base against candidate.
 *
 * @param tag           the metric's tag
 * @param header        the metric's display name
 * @param unit          the display unit
 * @param stat          {@code p50}, {@code p90}, {@code p99}, {@code avg}, or {@code value} for a run-level metric
 * @param base          the base run's value
 * @param candidate     the candidate's value
 * @param absoluteDelta candidate - base
 * @param relativeDelta (candidate - base) / base, NaN when base is 0
 * @param change        {@code better}, {@code worse}, {@code same}, or {@code changed} for a metric without direction
 * @param pValue        the Mann–Whitney p-value over the metric's per-request values, NaN for a run-level metric
 * @param significant   p below alpha and the medians at least the minimum effect apart (false when untested)
 * @param shiftLow      lower bound of the 95% bootstrap interval of the metric's relative median shift, NaN when
 *                      untested
 * @param shiftHigh     upper bound of that interval
 */
public record ComparisonRow(String tag, String header, String unit, String stat, double base, double candidate,
                            double absoluteDelta, double relativeDelta, String change, double pValue,
                            boolean significant, double shiftLow, double shiftHigh) {

    /** Whether a significance test ran for this row. */
    public boolean tested() {
        return !Double.isNaN(pValue);
    }
}
