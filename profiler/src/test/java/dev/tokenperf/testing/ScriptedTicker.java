package dev.tokenperf.testing;

import dev.tokenperf.time.Ticker;

/** A ticker that tells the time a test set: the one clock of a test that asserts exact times. */
public final class ScriptedTicker implements Ticker {
    private long nanos;

    public ScriptedTicker(long startNanos) {
        this.nanos = startNanos;
    }

    /** From now on the time is {@code nanos}; a monotonic clock never goes back, so neither may a test. */
    public void set(long nanos) {
        if (nanos < this.nanos) {
            throw new IllegalArgumentException("time goes forward: " + nanos + " < " + this.nanos);
        }
        this.nanos = nanos;
    }

    public void advance(long nanos) {
        set(this.nanos + nanos);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }
}
