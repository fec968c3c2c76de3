package dev.tokenperf.workloads.schedule;

import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;

import java.util.List;

/**
 * Replays a trace at its own times: request {@code i} is due at {@code (t_i - t_0) / speedup}, where
 * {@code t_0} is the first timestamp (of the whole trace, when this replays a shard's part of it), so the trace
 * starts with the phase.
 */
public final class TraceSchedule implements ArrivalSchedule {
    private final List<TraceEntry> entries;
    private final double speedup;
    private final double originMillis;
    private int next;

    /** @param entries sorted by timestamp (as {@link TraceReader} returns them) */
    public TraceSchedule(List<TraceEntry> entries, double speedup) {
        this(entries, speedup, entries.isEmpty() ? 0 : entries.get(0).timestampMillis());
    }

    /**
     * A part of a trace (a shard's every N-th entry) at the whole trace's times.
     *
     * @param entries      sorted by timestamp
     * @param originMillis the whole trace's first timestamp, {@code t_0}
     */
    public TraceSchedule(List<TraceEntry> entries, double speedup, double originMillis) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a trace needs at least one entry");
        }
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup (" + speedup + ") must be > 0");
        }
        this.entries = List.copyOf(entries);
        this.speedup = speedup;
        this.originMillis = originMillis;
    }

    @Override
    public long nextOffsetNanos() {
        if (next >= entries.size()) {
            return -1;
        }
        return offsetNanos(next++);
    }

    /** The offset of entry {@code i} from the phase start. */
    public long offsetNanos(int i) {
        return Math.round((entries.get(i).timestampMillis() - originMillis) * 1e6 / speedup);
    }

    @Override
    public double targetRate() {
        double spanSeconds = offsetNanos(entries.size() - 1) / 1e9;
        return spanSeconds > 0 ? (entries.size() - 1) / spanSeconds : Double.NaN;
    }
}
