package dev.tokenperf.load;

import dev.tokenperf.reports.record.RequestRecord;

import java.util.List;

/**
 * What one phase produced.
 *
 * @param records         every request of the phase, in completion order (cut requests excluded)
 * @param startNanos      when the phase began, relative to the run origin
 * @param endNanos        when its last request ended, relative to the run origin
 * @param cancelled       true when the phase was interrupted
 * @param finishedInGrace requests that ended after a duration stop, within the grace period
 * @param cut             requests cut by the end of the grace period or an abort
 * @param abortMessage    why the failure threshold aborted the phase, or null
 * @param resentRequests  requests resent once because the server closed a kept-alive connection under them
 */
public record PhaseResult(List<RequestRecord> records, long startNanos, long endNanos, boolean cancelled,
                          long finishedInGrace, long cut, String abortMessage, long resentRequests) {
    public PhaseResult(List<RequestRecord> records, long startNanos, long endNanos, boolean cancelled) {
        this(records, startNanos, endNanos, cancelled, 0, 0, null, 0);
    }

    public long durationNanos() {
        return endNanos - startNanos;
    }
}
