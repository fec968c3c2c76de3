package dev.tokenperf.reports.plan;

/**
 * An open loop's {@code --concurrency}: a cap on requests in flight when the flag was given, else none.
 *
 * @param concurrency the flag's value (saved as {@code loadgen.concurrency} either way)
 * @param capped      whether it caps the requests in flight
 */
public record InFlightCap(int concurrency, boolean capped) {
    public InFlightCap {
        LoadModel.requireConcurrency(concurrency);
    }

    /** Requests in flight at most, or 0 for no cap. */
    public int limit() {
        return capped ? concurrency : 0;
    }
}
