package dev.tokenperf.emulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of an emulator: completions received and streams currently being written. */
public final class EmulatorStats {
    private final AtomicLong completionsReceived = new AtomicLong();
    private final AtomicInteger activeStreams = new AtomicInteger();

    void completionReceived() {
        completionsReceived.incrementAndGet();
    }

    void streamStarted() {
        activeStreams.incrementAndGet();
    }

    void streamEnded() {
        activeStreams.decrementAndGet();
    }

    public long completionsReceived() {
        return completionsReceived.get();
    }

    /** Streams started and not yet finished (or seen closed by the client). */
    public int activeStreams() {
        return activeStreams.get();
    }
}
