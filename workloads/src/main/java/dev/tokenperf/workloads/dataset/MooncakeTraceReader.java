package dev.tokenperf.workloads.dataset;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Mooncake trace: JSONL lines {@code {"timestamp": ms, "input_length": n, "output_length": n,
 * "hash_ids": [..]}} ({@code timestamp_ms} is accepted for {@code timestamp}). Each hash id names one block of
 * {@value #BLOCK_TOKENS} prompt tokens; requests that list the same leading ids share that prefix. The one
 * parser of the format: datasets ({@code --input-file}) and replays ({@code --fixed-schedule}) both use it.
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
     */
    public record TraceEntry(long line, double timestampMillis, int inputLength, int outputLength, long[] hashIds) {
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
            entries.add(new TraceEntry(line.number(), timestamp == null ? Double.NaN : timestamp.asDouble(), input,
                    output, hashIds));
        }
        return entries;
    }
}
