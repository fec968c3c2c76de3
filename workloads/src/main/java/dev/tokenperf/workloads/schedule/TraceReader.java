package dev.tokenperf.workloads.schedule;

import dev.tokenperf.workloads.dataset.DatasetException;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a fixed-schedule trace: the mooncake trace format ({@link MooncakeTraceReader}), where every line must
 * carry its {@code timestamp_ms} (or {@code timestamp}). Entries come back sorted by timestamp (stable for
 * equal times). Errors name the file and line.
 */
public final class TraceReader {

    private TraceReader() {
    }

    /** @throws DatasetException for a malformed line, a line without a timestamp, or an empty file */
    public static List<TraceEntry> read(Path file) {
        List<TraceEntry> entries = new ArrayList<>(MooncakeTraceReader.read(file));
        for (TraceEntry entry : entries) {
            if (!entry.hasTimestamp()) {
                throw new DatasetException(file, entry.line(), "needs a numeric timestamp_ms (or timestamp)");
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + " has no trace entries");
        }
        entries.sort(Comparator.comparingDouble(TraceEntry::timestampMillis));
        return entries;
    }
}
