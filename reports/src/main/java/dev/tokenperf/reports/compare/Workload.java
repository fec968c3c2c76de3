package dev.tokenperf.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.record.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What must be equal for two results to be compared or merged: endpoint type, streaming, ISL, OSL,
 * concurrency, request rate and the prompt-set hash, read from each result's saved configuration.
 */
public final class Workload {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[][] FIELDS = {
            {"endpoint type", "endpoint", "type"},
            {"streaming", "endpoint", "streaming"},
            {"isl", "input", "isl"},
            {"osl", "input", "osl"},
            {"load mode", "loadgen", "mode"},
            {"concurrency", "loadgen", "concurrency"},
            {"request rate", "loadgen", "request_rate"},
            {"prompt set hash", "prompt_set_sha256"},
    };

    private Workload() {
    }

    /** One line per differing field, e.g. {@code "isl: 100 vs 200"}; empty when the workloads match. */
    public static List<String> differences(RunResult first, RunResult second) {
        JsonNode a = MAPPER.valueToTree(first.configuration());
        JsonNode b = MAPPER.valueToTree(second.configuration());
        List<String> differences = new ArrayList<>();
        for (String[] field : FIELDS) {
            String left = text(a, field);
            String right = text(b, field);
            if (!Objects.equals(left, right)) {
                differences.add(field[0] + ": " + shorten(left) + " vs " + shorten(right));
            }
        }
        return differences;
    }

    // hashes are 64 hex digits; 12 tell them apart in a one-line message
    private static String shorten(String value) {
        return value.length() > 16 ? value.substring(0, 12) + "..." : value;
    }

    private static String text(JsonNode config, String[] field) {
        JsonNode node = config;
        for (int i = 1; i < field.length; i++) {
            node = node.path(field[i]);
        }
        return node.isMissingNode() || node.isNull() ? "none" : node.asText();
    }
}
