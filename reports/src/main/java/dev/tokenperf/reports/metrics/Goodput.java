package dev.tokenperf.reports.metrics;

import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Goodput, as in aiperf: the measured requests that meet every SLO of a {@link GoodputSlos}
 * ({@code good_request_count}) and how many of them completed per second of benchmark duration
 * ({@code goodput}). A request is good when it succeeded and every value each SLO metric derives from it
 * (through the {@link MetricRegistry}) meets the threshold; a request with no value for an SLO metric (e.g.
 * no ITL with a single output token) is not good. These two metrics exist only when SLOs were given, so
 * they live here rather than in {@link MetricRegistry#all()}.
 */
public final class Goodput {
    /** The configuration key the SLOs are saved under. */
    public static final String CONFIGURATION_KEY = "goodput";

    public static final MetricDefinition GOOD_REQUEST_COUNT = MetricDefinition.perRun(
            "good_request_count", "Good Request Count", Unit.REQUESTS, Direction.HIGHER_IS_BETTER,
            "successful requests meeting every SLO", Goodput::needsSlos);

    public static final MetricDefinition GOODPUT = MetricDefinition.perRun(
            "goodput", "Goodput", Unit.REQUESTS_PER_SEC, Direction.HIGHER_IS_BETTER,
            "good requests / benchmark duration", Goodput::needsSlos);

    private Goodput() {
    }

    // run totals alone cannot say which requests were good: the values come from addTo
    private static double needsSlos(RunTotals totals) {
        throw new UnsupportedOperationException("goodput needs SLOs: use Goodput.addTo");
    }

    /** Whether one record meets every SLO. */
    public static boolean isGood(RequestRecord record, GoodputSlos slos) {
        if (!record.succeeded()) {
            return false;
        }
        for (Map.Entry<MetricDefinition, Double> slo : slos.thresholds().entrySet()) {
            MetricDefinition metric = slo.getKey();
            if (metric.streamingOnly() && !record.streaming()) {
                return false;
            }
            boolean[] seen = {false};
            boolean[] met = {true};
            double threshold = slo.getValue();
            boolean lowerIsBetter = metric.direction() == Direction.LOWER_IS_BETTER;
            metric.emit(record, v -> {
                seen[0] = true;
                double value = metric.unit().fromRecorded(v);
                met[0] &= lowerIsBetter ? value <= threshold : value >= threshold;
            });
            if (!seen[0] || !met[0]) {
                return false;
            }
        }
        return true;
    }

    /** The summary with {@code good_request_count} and {@code goodput} appended. */
    public static RunSummary addTo(RunSummary summary, GoodputSlos slos) {
        RunResult result = summary.result();
        long good = result.measuredRecords().stream().filter(r -> isGood(r, slos)).count();
        double seconds = result.benchmarkDurationNanos() / 1e9;
        List<MetricStatistics> statistics = new ArrayList<>(summary.statistics());
        statistics.removeIf(s -> s.metric() == GOOD_REQUEST_COUNT || s.metric() == GOODPUT);
        statistics.add(MetricStatistics.scalar(GOOD_REQUEST_COUNT, good));
        statistics.add(MetricStatistics.scalar(GOODPUT, seconds > 0 ? good / seconds : 0));
        return new RunSummary(result, statistics, summary.errors(), summary.errorExamples());
    }

    /** The run with its SLOs saved in the configuration, so a reloaded result recomputes the same goodput. */
    public static RunResult annotate(RunResult result, GoodputSlos slos) {
        Map<String, Object> configuration = new LinkedHashMap<>(result.configuration());
        configuration.put(CONFIGURATION_KEY, slos.toConfiguration());
        return result.withConfiguration(configuration);
    }

    /** {@code summary} with goodput added when its run carries SLOs ({@link #annotate}), else unchanged. */
    public static RunSummary withSavedSlos(RunSummary summary) {
        GoodputSlos slos = savedSlos(summary.result());
        return slos == null ? summary : addTo(summary, slos);
    }

    /** The SLOs a saved run's configuration carries, or null. */
    public static GoodputSlos savedSlos(RunResult result) {
        Object saved = result.configuration().get(CONFIGURATION_KEY);
        return saved instanceof Map<?, ?> map && !map.isEmpty() ? GoodputSlos.fromConfiguration(map) : null;
    }
}
