package dev.tokenperf.workloads.dataset;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Mooncake trace: JSONL lines {@code {"timestamp": ms, "input_length": n, "output_length": n,
 * "hash_ids": [..]}} ({@code timestamp_ms} is accepted for {@code timestamp}). Each hash id names one block of
 * {@value #BLOCK_TOKENS} prompt tokens; requests that list the same leading ids share that prefix. As in aiperf,
 * a line may name its multi-turn session ({@code session_id}) and the user's think time before it
 * ({@code delay}, ms); lines of one session are its turns in file order ({@link #sessions}). The one parser of the
 * format: datasets ({@code --input-file}) and replays ({@code --fixed-schedule}) both use it.
 */
public final class MooncakeTraceReader {
    /** Tokens per hash block, as in the Mooncake traces. */
    public static final int BLOCK_TOKENS = 512;

    /**
     * One trace line.
     *
     * @param line          its line number
     * @param timestampMillis when the trace sent it, in milliseconds, or NaN when the line has no timestamp
     * @param inputLength   prompt tokens
     * @param outputLength  output tokens
     * @param hashIds       the prompt's block ids, in order
     * @param sessionId     the session the line is a turn of, or null for a single request
     * @param delayMillis   the think time before this turn, from the end of the session's previous answer, in
     *                      milliseconds, or NaN when the line has none
     */
    public record TraceEntry(long line, double timestampMillis, int inputLength, int outputLength, long[] hashIds,
                             String sessionId, double delayMillis) {
        /** A single request (no session). */
        public TraceEntry(long line, double timestampMillis, int inputLength, int outputLength, long[] hashIds) {
            this(line, timestampMillis, inputLength, outputLength, hashIds, null, Double.NaN);
        }

        public boolean hasTimestamp() {
            return !Double.isNaN(timestampMillis);
        }
    }

    private MooncakeTraceReader() {
    }

    public static List<TraceEntry> read(Path file) {
        List<TraceEntry> entries = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.read(file)) {
            JsonNode json = line.json();
            int input = JsonLines.optionalLength(file, line, "input_length");
            int output = JsonLines.optionalLength(file, line, "output_length");
            if (input < 0 || output < 0) {
                throw new DatasetException(file, line.number(), "needs positive integers 'input_length' and 'output_length'");
            }
            JsonNode timestamp = json.has("timestamp_ms") ? json.get("timestamp_ms") : json.get("timestamp");
            if (timestamp != null && (!timestamp.isNumber() || timestamp.asDouble() < 0)) {
                throw new DatasetException(file, line.number(), "'timestamp' must be a number of milliseconds >= 0");
            }
            JsonNode ids = json.get("hash_ids");
            long[] hashIds = new long[ids == null ? 0 : ids.size()];
            if (ids != null && !ids.isArray()) {
                throw new DatasetException(file, line.number(), "'hash_ids' must be an array of integers");
            }
            for (int i = 0; i < hashIds.length; i++) {
                if (!ids.get(i).isIntegralNumber()) {
                    throw new DatasetException(file, line.number(), "'hash_ids' must be an array of integers");
                }
                hashIds[i] = ids.get(i).asLong();
            }
            JsonNode session = json.get("session_id");
            if (session != null && !session.isNull() && !session.isTextual() && !session.isIntegralNumber()) {
                throw new DatasetException(file, line.number(), "'session_id' must be a string");
            }
            JsonNode delay = json.get("delay");
            if (delay != null && !delay.isNull() && (!delay.isNumber() || delay.asDouble() < 0)) {
                throw new DatasetException(file, line.number(), "'delay' must be a number of milliseconds >= 0");
            }
            entries.add(new TraceEntry(line.number(), timestamp == null ? Double.NaN : timestamp.asDouble(), input,
                    output, hashIds, session == null || session.isNull() ? null : session.asText(),
                    delay == null || delay.isNull() ? Double.NaN : delay.asDouble()));
        }
        return entries;
    }

    /** Whether any line names a session, which makes the trace a session run. */
    public static boolean hasSessions(List<TraceEntry> entries) {
        return entries.stream().anyMatch(e -> e.sessionId() != null);
    }

    /**
     * The trace's sessions, in the order their first lines appear: the lines of one {@code session_id} are its
     * turns in file order, and a line without one is a session of its own (one turn).
     */
    public static List<List<TraceEntry>> sessions(List<TraceEntry> entries) {
        Map<String, List<TraceEntry>> byId = new LinkedHashMap<>();
        for (TraceEntry entry : entries) {
            String key = entry.sessionId() == null ? null : "id:" + entry.sessionId();
            byId.computeIfAbsent(key == null ? "line:" + entry.line() : key, k -> new ArrayList<>()).add(entry);
        }
        return List.copyOf(byId.values());
    }
}
