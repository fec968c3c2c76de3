package dev.tokenperf.client;

/**
 * The arrival time of the most recent network read on one connection, set by {@link ReadTimestampHandler}
 * before any decoding, and read by the decoders that turn those bytes into events. It remembers a time, it
 * does not tell one: the time comes from the handler's {@link dev.tokenperf.time.Ticker}. Confined to the
 * connection's event loop.
 */
public final class ReadClock {
    private long lastReadNanos;
    private long reads;

    void onRead(long nanos) {
        lastReadNanos = nanos;
        reads++;
    }

    public long lastReadNanos() {
        return lastReadNanos;
    }

    /** How many reads this connection has seen; identifies the read that carried an event. */
    public long reads() {
        return reads;
    }
}
