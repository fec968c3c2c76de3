package dev.tokenperf.workloads.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSONL file into objects with their line numbers; blank lines are skipped. */
final class JsonLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One parsed line. */
    record Line(long number, JsonNode json) {
    }

    private JsonLines() {
    }

    static List<Line> read(Path file) {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode json;
                try {
                    json = MAPPER.readTree(text);
                } catch (IOException e) {
                    throw new DatasetException(file, number, "not valid JSON");
                }
                if (!json.isObject()) {
                    throw new DatasetException(file, number, "expected a JSON object");
                }
                lines.add(new Line(number, json));
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "no such file");
        } catch (CharacterCodingException e) {
            throw new DatasetException(file, "is not UTF-8 text (a binary or compressed file?); datasets are UTF-8 JSON "
                    + "lines");
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new DatasetException(file, "no entries");
        }
        return lines;
    }

    /** A non-negative integer field, or -1 when absent. */
    static int optionalLength(Path file, Line line, String field) {
        JsonNode value = line.json().get(field);
        if (value == null || value.isNull()) {
            return -1;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new DatasetException(file, line.number(), "'" + field + "' must be a positive integer");
        }
        return value.asInt();
    }
}
