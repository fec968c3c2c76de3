package dev.tokenperf.load;

/**
 * What one phase produced; its records went to the run's {@link dev.tokenperf.reports.record.RecordSpill}.
 *
 * @param recorded        requests of the phase that were recorded (cut requests included)
 * @param firstStartNanos the earliest send among them, relative to the run origin (Long.MAX_VALUE when none)
 * @param lastStartNanos  the latest send among them (Long.MIN_VALUE when none)
 * @param startNanos      when the phase began, relative to the run origin
 * @param endNanos        when its last request ended, relative to the run origin
 * @param cancelled       true when the phase was interrupted
 * @param finishedInGrace requests that ended after a duration stop, within the grace period
 * @param cut             requests in flight when the grace period ended or an abort came, recorded as cut
 * @param unsent          scheduled requests never sent because the phase stopped
 * @param abortMessage    why the failure threshold aborted the phase, or null
 */
public record PhaseResult(long recorded, long firstStartNanos, long lastStartNanos, long startNanos, long endNanos,
                          boolean cancelled, long finishedInGrace, long cut, long unsent, String abortMessage) {
    /** A phase that did not run. */
    public static final PhaseResult NONE = new PhaseResult(0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0, false, 0, 0, 0,
            null);

    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** Sends per second between the first and the last send, or NaN with fewer than two. */
    public double achievedRate() {
        return recorded >= 2 && lastStartNanos > firstStartNanos
                ? (recorded - 1) / ((lastStartNanos - firstStartNanos) / 1e9) : Double.NaN;
    }
}
