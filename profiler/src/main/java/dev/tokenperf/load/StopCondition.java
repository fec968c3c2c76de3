package dev.tokenperf.load;

/**
 * When a phase stops issuing requests: after a number of requests, after a duration, or whichever comes
 * first. Requests already in flight finish (or time out) and are counted.
 *
 * @param requestCount    requests to issue, or 0 for no limit
 * @param durationNanos   how long to keep issuing, or 0 for no limit
 */
public record StopCondition(long requestCount, long durationNanos) {
    public StopCondition {
        if (requestCount < 0 || durationNanos < 0) {
            throw new IllegalArgumentException("stop limits must be >= 0");
        }
        if (requestCount == 0 && durationNanos == 0) {
            throw new IllegalArgumentException("a phase needs a request count or a duration");
        }
    }

    public static StopCondition requests(long count) {
        return new StopCondition(count, 0);
    }

    /** True when request number {@code index} (from 0), to be sent at {@code elapsedNanos}, may be sent. */
    public boolean allows(long index, long elapsedNanos) {
        return (requestCount == 0 || index < requestCount) && (durationNanos == 0 || elapsedNanos < durationNanos);
    }
}
