package dev.tokenperf.reports.gate;

import java.util.Locale;

/**
 * The verdict of one check.
 *
 * @param check     the check
 * @param actual    the result's value, NaN when the result lacks the metric
 * @param baseline  the baseline's value for a relative check, else NaN
 * @param limit     the threshold the actual value was held to, in the metric's display unit (NaN if unknown)
 * @param passed    whether the check holds
 * @param reason    why it failed ("" when it passed)
 */
public record GateOutcome(GateCheck check, double actual, double baseline, double limit, boolean passed,
                          String reason) {

    /** {@code PASS ttft.p99 < 500ms: actual 12.34 ms, limit 500.00 ms}. */
    public String line() {
        StringBuilder text = new StringBuilder(passed ? "PASS " : "FAIL ").append(check.text()).append(": ");
        text.append(describe());
        return text.toString();
    }

    /** Actual value, limit and baseline, in words. */
    public String describe() {
        String unit = check.metric().unit().label();
        StringBuilder text = new StringBuilder();
        text.append(Double.isNaN(actual) ? "actual absent" : "actual " + num(actual) + " " + unit);
        if (!Double.isNaN(limit)) {
            text.append(", limit ").append(check.op().symbol()).append(' ').append(num(limit)).append(' ').append(unit);
        }
        if (!Double.isNaN(baseline)) {
            text.append(", baseline ").append(num(baseline)).append(' ').append(unit);
        }
        if (!reason.isEmpty()) {
            text.append(" (").append(reason).append(')');
        }
        return text.toString();
    }

    static String num(double v) {
        return String.format(Locale.US, "%.2f", v);
    }
}
