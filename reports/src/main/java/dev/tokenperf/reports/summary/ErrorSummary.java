package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups failed measured requests (not those the client cancelled on purpose) by kind and HTTP status, keeping the first message of each group. */
final class ErrorSummary {
    private final Map<String, RequestError> first = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> retryAfter = new LinkedHashMap<>();

    void add(RequestRecord r) {
        if (r.warmup() || r.succeeded() || r.cancelledByClient()) {
            return;
        }
        String key = r.error().kind() + "/" + r.error().httpStatus();
        first.putIfAbsent(key, r.error());
        counts.merge(key, 1L, Long::sum);
        retryAfter.merge(key, Math.max(0, r.error().retryAfterMillis()), Long::sum);
    }

    /** The groups in order of their first failure. */
    List<ErrorGroup> groups() {
        List<ErrorGroup> groups = new ArrayList<>();
        first.forEach((key, error) -> groups.add(new ErrorGroup(error, counts.get(key), retryAfter.get(key))));
        return groups;
    }
}
