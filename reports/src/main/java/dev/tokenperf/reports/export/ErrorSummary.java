package dev.tokenperf.reports.export;

import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups failed measured requests by kind and HTTP status, keeping the first message of each group. */
public final class ErrorSummary {

    /** One group of identical failures. */
    public record Entry(RequestError example, long count) {
    }

    private ErrorSummary() {
    }

    public static List<Entry> of(Iterable<RequestRecord> records) {
        Map<String, RequestError> first = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RequestRecord r : records) {
            if (r.warmup() || r.succeeded()) {
                continue;
            }
            String key = r.error().kind() + "/" + r.error().httpStatus();
            first.putIfAbsent(key, r.error());
            counts.merge(key, 1L, Long::sum);
        }
        List<Entry> entries = new ArrayList<>();
        first.forEach((key, error) -> entries.add(new Entry(error, counts.get(key))));
        return entries;
    }
}
