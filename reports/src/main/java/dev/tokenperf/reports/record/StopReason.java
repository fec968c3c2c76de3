package dev.tokenperf.reports.record;

/** Why the measured phase stopped issuing requests; {@link #wire()} is the string saved in {@code stop.reason}. */
public enum StopReason {
    /** The measured request count was issued. */
    REQUEST_COUNT("request_count"),
    /** The benchmark duration elapsed. */
    BENCHMARK_DURATION("benchmark_duration"),
    /** A replayed trace (or a schedule without other limit) ran out. */
    SCHEDULE_END("schedule_end"),
    /** The failed-request threshold aborted the run. */
    FAILED_REQUEST_THRESHOLD("failed_request_threshold"),
    /** Ctrl-C (or a cancel) ended the run early. */
    INTERRUPTED("interrupted");

    private final String wire;

    StopReason(String wire) {
        this.wire = wire;
    }

    /** The saved spelling, e.g. {@code failed_request_threshold}. */
    public String wire() {
        return wire;
    }

    /** The reason saved as {@code wire}. */
    public static StopReason parse(String wire) {
        for (StopReason reason : values()) {
            if (reason.wire.equals(wire)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown stop reason '" + wire + "'");
    }

    @Override
    public String toString() {
        return wire;
    }
}
