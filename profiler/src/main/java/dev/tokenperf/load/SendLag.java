package dev.tokenperf.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The client's own dispatch delay, from the moment a request may be sent to the moment its write (or
 * connect) starts on an event loop. Recorded from any loop into an HdrHistogram {@link Recorder}, whose
 * writers never wait.
 */
public final class SendLag {
    private final Recorder recorder = new Recorder(3);

    void record(long lagNanos) {
        recorder.recordValue(Math.max(0, lagNanos));
    }

    /** Everything recorded since the previous call, and starts a new interval. */
    public Histogram drain() {
        return recorder.getIntervalHistogram();
    }
}
