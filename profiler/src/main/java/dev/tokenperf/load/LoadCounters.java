package dev.tokenperf.load;

import java.util.concurrent.atomic.LongAdder;

/**
 * Live counts of measured requests for the progress line. Updated on the event loops when a request ends,
 * so they are striped adders: an increment never contends.
 */
public final class LoadCounters {
    private final LongAdder done = new LongAdder();
    private final LongAdder failed = new LongAdder();

    void completed(boolean succeeded) {
        done.increment();
        if (!succeeded) {
            failed.increment();
        }
    }

    /** Measured requests finished so far, failed ones included. */
    public long done() {
        return done.sum();
    }

    public long failed() {
        return failed.sum();
    }
}
