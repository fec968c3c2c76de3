package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.metrics.MetricAccumulator;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.record.RequestRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The session part of the one pass: fed every measured record (resent attempts excepted), it groups session turns
 * by session id (a span per session) and by turn index (the per-turn metrics). Single-turn records are ignored.
 */
final class SessionTally {
    /** One session's turns so far. */
    private static final class Span {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int turns;
        boolean failed;
    }

    private final Map<String, Span> spans = new HashMap<>();
    private final TreeMap<Integer, Map<MetricDefinition, MetricAccumulator>> byTurn = new TreeMap<>();

    void add(RequestRecord r) {
        if (!r.sessionTurn()) {
            return;
        }
        Span span = spans.computeIfAbsent(r.sessionId(), id -> new Span());
        span.start = Math.min(span.start, r.startNanos());
        span.end = Math.max(span.end, r.endNanos());
        span.turns++;
        span.failed |= !r.succeeded();
        if (!r.succeeded()) {
            return;
        }
        Map<MetricDefinition, MetricAccumulator> turn = byTurn.computeIfAbsent(r.turnIndex(), i -> accumulators());
        for (Map.Entry<MetricDefinition, MetricAccumulator> e : turn.entrySet()) {
            if (!e.getKey().streamingOnly() || r.streaming()) {
                e.getKey().emit(r, e.getValue()::record);
            }
        }
    }

    private static Map<MetricDefinition, MetricAccumulator> accumulators() {
        Map<MetricDefinition, MetricAccumulator> accumulators = new LinkedHashMap<>();
        for (MetricDefinition metric : MetricRegistry.perTurn()) {
            accumulators.put(metric, new MetricAccumulator(metric));
        }
        return accumulators;
    }

    /** The sessions' summary, or null when no record was a session turn. */
    SessionSummary summary() {
        if (spans.isEmpty()) {
            return null;
        }
        MetricAccumulator latency = new MetricAccumulator(MetricRegistry.SESSION_LATENCY);
        MetricAccumulator turns = new MetricAccumulator(MetricRegistry.TURNS_PER_SESSION);
        for (Span span : spans.values()) {
            turns.record(span.turns);
            if (!span.failed) {
                latency.record(span.end - span.start);
            }
        }
        List<MetricStatistics> statistics = new ArrayList<>();
        for (MetricAccumulator acc : List.of(latency, turns)) {
            if (acc.count() > 0) {
                statistics.add(acc.statistics());
            }
        }
        List<SessionSummary.Turn> perTurn = new ArrayList<>();
        byTurn.forEach((index, accumulators) -> {
            List<MetricStatistics> turnStatistics = new ArrayList<>();
            for (MetricAccumulator acc : accumulators.values()) {
                if (acc.count() > 0) {
                    turnStatistics.add(acc.statistics());
                }
            }
            // request latency has a value for every successful turn: its count is the turn's
            perTurn.add(new SessionSummary.Turn(index, accumulators.get(MetricRegistry.REQUEST_LATENCY).count(),
                    turnStatistics));
        });
        return new SessionSummary(spans.size(), statistics, perTurn);
    }
}
