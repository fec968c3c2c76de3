package dev.tokenperf.reports.metrics;

/**
 * A metric's display unit and how a recorded long converts to it. Latencies are recorded in nanoseconds
 * and shown in milliseconds; per-user throughput is recorded in milli-tokens/s to keep 3 digits.
 */
public enum Unit {
    MS("ms", 1_000_000d),
    SEC("sec", 1d),
    TOKENS("tokens", 1d),
    TOKENS_PER_SEC("tokens/sec", 1d),
    TOKENS_PER_SEC_PER_USER("tokens/sec/user", 1_000d),
    REQUESTS("requests", 1d),
    REQUESTS_PER_SEC("requests/sec", 1d),
    WATT_HOURS("Wh", 1d),
    WATT_HOURS_PER_REQUEST("Wh/request", 1d),
    JOULES_PER_TOKEN("J/token", 1d),
    TOKENS_PER_JOULE("tokens/J", 1d),
    WATTS("W", 1d),
    GRAMS_CO2("g CO2", 1d),
    FRACTION("fraction", 1d);

    private final String label;
    private final double recordedPerUnit;

    Unit(String label, double recordedPerUnit) {
        this.label = label;
        this.recordedPerUnit = recordedPerUnit;
    }

    /** The unit as written in exports (aiperf's spelling). */
    public String label() {
        return label;
    }

    /** Converts a recorded value (ns, milli-tokens/s, ...) to this unit. */
    public double fromRecorded(double recorded) {
        return recorded / recordedPerUnit;
    }
}
