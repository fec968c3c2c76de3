package dev.tokenperf.reports.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server-side stage times of one request, merged from every stage report that named it (vLLM's
 * experimental TTFT reports: {@code role}, {@code request_id} and {@code *_time_ms} fields). Reports of the
 * same stage are summed, because chunked prefill reports one stage in parts.
 *
 * @param requestId   the {@code X-Request-Id} the profiler sent
 * @param roles       the roles that reported (encoder, pd, meta, ...)
 * @param stageMillis stage name (the field name without {@code _time_ms}) to milliseconds, in arrival order
 * @param reports     how many reports were merged
 */
public record StageTimes(String requestId, Set<String> roles, Map<String, Double> stageMillis, int reports) {

    /** The suffix that marks a stage field in a report. */
    public static final String STAGE_SUFFIX = "_time_ms";

    public StageTimes {
        roles = Collections.unmodifiableSet(new TreeSet<>(roles));
        stageMillis = Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
    }

    /** This record plus one more report: stages present in both are summed. */
    public StageTimes plus(String role, Map<String, Double> reportStageMillis) {
        Set<String> mergedRoles = new TreeSet<>(roles);
        if (role != null && !role.isEmpty()) {
            mergedRoles.add(role);
        }
        Map<String, Double> merged = new LinkedHashMap<>(stageMillis);
        reportStageMillis.forEach((stage, ms) -> merged.merge(stage, ms, Double::sum));
        return new StageTimes(requestId, mergedRoles, merged, reports + 1);
    }

    /** An empty record for a request id no report has named yet. */
    public static StageTimes empty(String requestId) {
        return new StageTimes(requestId, Set.of(), Map.of(), 0);
    }

    /** Sum of every stage, in milliseconds. */
    public double totalMillis() {
        return stageMillis.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The record as JSON-ready map, as {@code GET /ttft_report/<id>} returns it. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", requestId);
        m.put("roles", roles);
        m.put("reports", reports);
        stageMillis.forEach((stage, ms) -> m.put(stage + STAGE_SUFFIX, ms));
        return m;
    }
}
