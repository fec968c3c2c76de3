package dev.tokenperf.emulator;

import dev.tokenperf.wire.EmulatorLateness;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of an emulator: completions received, streams currently being written, and how late the
 * streamed chunks were written ({@link EmulatorLateness}). Writers (the emulator's event loops) never wait:
 * lateness goes into HdrHistogram {@link Recorder}s, folded into running totals only when read.
 */
public final class EmulatorStats {
    private final AtomicLong completionsReceived = new AtomicLong();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final Recorder firstChunkLateness = new Recorder(2);
    private final Recorder laterChunkLateness = new Recorder(2);
    private final Histogram firstChunkTotal = new Histogram(2);
    private final Histogram laterChunkTotal = new Histogram(2);
    private Histogram firstChunkInterval;
    private Histogram laterChunkInterval;

    /** Counts a completion request; returns its number, from 1. */
    long completionReceived() {
        return completionsReceived.incrementAndGet();
    }

    void streamStarted() {
        activeStreams.incrementAndGet();
    }

    void streamEnded() {
        activeStreams.decrementAndGet();
    }

    /** Streams started and not yet finished (or seen closed by the client). */
    public int activeStreams() {
        return activeStreams.get();
    }

    /**
     * Records that a content chunk (or a whole non-streamed response, as a first chunk) due at some time was
     * written {@code latenessNanos} after it.
     */
    void chunkWritten(boolean firstOfStream, long latenessNanos) {
        (firstOfStream ? firstChunkLateness : laterChunkLateness).recordValue(Math.max(0, latenessNanos));
    }

    /** Lateness since the emulator started (a copy; call from any thread). */
    public synchronized EmulatorLateness lateness() {
        firstChunkInterval = firstChunkLateness.getIntervalHistogram(firstChunkInterval);
        laterChunkInterval = laterChunkLateness.getIntervalHistogram(laterChunkInterval);
        firstChunkTotal.add(firstChunkInterval);
        laterChunkTotal.add(laterChunkInterval);
        return new EmulatorLateness(firstChunkTotal.copy(), laterChunkTotal.copy());
    }
}
