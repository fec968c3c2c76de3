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
 * equal times). A trace of sessions is read by {@link #readSessions}. Errors name the file and line.
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

    /**
     * Reads a trace whose lines name sessions ({@code session_id}) for a replay, as aiperf's fixed schedule does:
     * each session's first line must carry a timestamp (when the session starts); its later lines may carry a
     * timestamp or a {@code delay}. Sessions come back sorted by their first timestamp (stable for equal times),
     * each with its turns in file order; a line without a session id is a session of one turn.
     *
     * @throws DatasetException for a malformed line, a session's first line without a timestamp, or an empty file
     */
    public static List<List<TraceEntry>> readSessions(Path file) {
        List<List<TraceEntry>> sessions = new ArrayList<>(MooncakeTraceReader.sessions(MooncakeTraceReader.read(file)));
        for (List<TraceEntry> session : sessions) {
            if (!session.get(0).hasTimestamp()) {
                throw new DatasetException(file, session.get(0).line(), "a session's first line needs a numeric "
                        + "timestamp_ms (or timestamp)");
            }
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException(file + " has no trace entries");
        }
        sessions.sort(Comparator.comparingDouble(s -> s.get(0).timestampMillis()));
        return sessions;
    }
}
