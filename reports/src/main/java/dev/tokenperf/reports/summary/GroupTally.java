package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.record.RequestRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The grouped part of the one pass: one {@link MetricTally} per value of a record's key (its model, or its
 * server), fed the same measured records as the run's tally. Records without a key are in no group.
 */
final class GroupTally {
    private final Function<RequestRecord, String> key;
    private final Map<String, MetricTally> groups = new LinkedHashMap<>();

    GroupTally(Function<RequestRecord, String> key) {
        this.key = key;
    }

    /** Counts a request the client cancelled on purpose in its group. */
    void cancelled(RequestRecord r) {
        MetricTally group = group(r);
        if (group != null) {
            group.cancelled();
        }
    }

    void add(RequestRecord r, boolean isGood) {
        MetricTally group = group(r);
        if (group != null) {
            group.add(r, isGood);
        }
    }

    private MetricTally group(RequestRecord r) {
        String k = key.apply(r);
        return k == null ? null : groups.computeIfAbsent(k, x -> new MetricTally());
    }

    /** One summary per group, in order of first record; empty when no record had a key. */
    List<GroupSummary> summaries(long durationNanos, boolean withSlos) {
        List<GroupSummary> out = new ArrayList<>(groups.size());
        groups.forEach((k, tally) -> out.add(new GroupSummary(k, tally.requests(), tally.failed(),
                tally.statistics(durationNanos, withSlos, null, new HashMap<>()))));
        return out;
    }
}
