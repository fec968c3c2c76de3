package dev.tokenperf.reports.record;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Why and how the measured phase ended.
 *
 * @param reason            why issuing stopped
 * @param gracePeriodSeconds how long in-flight requests may finish after the duration ends
 * @param finishedInGrace   requests that ended after the duration, within the grace period (counted)
 * @param cutAtGrace        requests still in flight when the grace period (or an abort) ended; recorded as
 *                          failed with kind {@code cut}, since the server did not answer them in time
 * @param message           a human explanation, e.g. the failure threshold that aborted the run, or null
 */
public record StopReport(StopReason reason, double gracePeriodSeconds, long finishedInGrace, long cutAtGrace,
                         String message) {

    public StopReport {
        java.util.Objects.requireNonNull(reason, "reason");
    }

    /** True when the failed-request threshold aborted the run. */
    public boolean aborted() {
        return reason == StopReason.FAILED_REQUEST_THRESHOLD;
    }

    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", reason.wire());
        m.put("grace_period_s", gracePeriodSeconds);
        m.put("finished_in_grace", finishedInGrace);
        m.put("cut_at_grace", cutAtGrace);
        m.put("message", message);
        return m;
    }

    public String describe() {
        return String.format(Locale.US, "stopped by %s: %d finished in the %.1f s grace period, %d cut (counted as errors)%s", reason,
                finishedInGrace, gracePeriodSeconds, cutAtGrace, message == null ? "" : " (" + message + ")");
    }
}
