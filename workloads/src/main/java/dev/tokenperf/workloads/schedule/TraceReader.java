package dev.tokenperf.workloads.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a fixed-schedule trace: one JSON object per line with {@code timestamp_ms} (or {@code timestamp},
 * milliseconds), {@code input_length}, {@code output_length} and optionally {@code hash_ids}. Blank lines
 * are skipped. Entries are returned sorted by timestamp. Errors name the file and line.
 */
public final class TraceReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceReader() {
    }

    public static List<TraceEntry> read(Path file) throws IOException {
        List<TraceEntry> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(parse(MAPPER.readTree(line)));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage());
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + " has no trace entries");
        }
        entries.sort((a, b) -> Double.compare(a.timestampMillis(), b.timestampMillis()));
        return entries;
    }

    private static TraceEntry parse(JsonNode node) {
        JsonNode ts = node.has("timestamp_ms") ? node.get("timestamp_ms") : node.get("timestamp");
        if (ts == null || !ts.isNumber()) {
            throw new IllegalArgumentException("needs a numeric timestamp_ms (or timestamp)");
        }
        List<Long> hashes = new ArrayList<>();
        for (JsonNode h : node.path("hash_ids")) {
            hashes.add(h.asLong());
        }
        return new TraceEntry(ts.asDouble(), required(node, "input_length"), required(node, "output_length"), hashes);
    }

    private static int required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException("needs an integer " + field);
        }
        return value.asInt();
    }
}
