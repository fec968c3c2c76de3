package dev.tokenperf.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.reports.record.StageTimes;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage reports merged per request id, whenever they arrive (before, during or after the request): each
 * report's {@code *_time_ms} fields are added to what that id already has, so partial reports of one stage
 * sum up. Thread-safe; merging one report is a short atomic map update.
 */
public final class StageReportStore {
    private final ConcurrentHashMap<String, StageTimes> byId = new ConcurrentHashMap<>();
    private volatile long lastReportNanos = System.nanoTime();

    /**
     * Merges one report.
     *
     * @throws IllegalArgumentException when it is not an object with a string {@code request_id}, or a
     *                                  {@code *_time_ms} field is not a non-negative number
     */
    public StageTimes accept(JsonNode report) {
        if (report == null || !report.isObject()) {
            throw new IllegalArgumentException("a stage report must be a JSON object");
        }
        JsonNode id = report.get("request_id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new IllegalArgumentException("a stage report needs a string request_id");
        }
        Map<String, Double> stages = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = report.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (!name.endsWith(StageTimes.STAGE_SUFFIX) || field.getValue().isNull()) {
                continue;
            }
            JsonNode value = field.getValue();
            if (!value.isNumber() || value.doubleValue() < 0 || !Double.isFinite(value.doubleValue())) {
                throw new IllegalArgumentException(name + " must be a number >= 0, got " + value);
            }
            stages.put(name.substring(0, name.length() - StageTimes.STAGE_SUFFIX.length()), value.doubleValue());
        }
        String role = report.path("role").asText("");
        StageTimes merged = byId.compute(id.asText(),
                (key, old) -> (old == null ? StageTimes.empty(key) : old).plus(role, stages));
        lastReportNanos = System.nanoTime();
        return merged;
    }

    public Optional<StageTimes> get(String requestId) {
        return Optional.ofNullable(byId.get(requestId));
    }

    /** A copy of every merged record, by request id. */
    public Map<String, StageTimes> snapshot() {
        return Map.copyOf(byId);
    }

    /** {@code System.nanoTime()} of the last accepted report (or of the store's creation). */
    public long lastReportNanos() {
        return lastReportNanos;
    }
}
