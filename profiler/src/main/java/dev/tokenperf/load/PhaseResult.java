package dev.tokenperf.load;

import dev.tokenperf.reports.record.RequestRecord;

import java.util.List;

/**
 * What one phase produced.
 *
 * @param records    every request of the phase, in completion order
 * @param startNanos when the phase began, relative to the run origin
 * @param endNanos   when its last request ended, relative to the run origin
 * @param cancelled  true when the phase was interrupted
 * @param resentRequests requests resent once because the server closed a kept-alive connection under them
 */
public record PhaseResult(List<RequestRecord> records, long startNanos, long endNanos, boolean cancelled,
                          long resentRequests) {
    public long durationNanos() {
        return endNanos - startNanos;
    }
}
