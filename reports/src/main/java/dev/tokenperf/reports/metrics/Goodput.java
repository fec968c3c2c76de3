package dev.tokenperf.reports.metrics;

import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Goodput, as in aiperf: which requests meet every SLO of a {@link GoodputSlos}, and where a run keeps its SLOs.
 * A request is good when it succeeded and every value each SLO metric derives from it (through the
 * {@link MetricRegistry}) meets the threshold; a request with no value for an SLO metric (e.g. no ITL with a
 * single output token) is not good. The two metrics built on it, {@link MetricRegistry#GOOD_REQUEST_COUNT} and
 * {@link MetricRegistry#GOODPUT}, are registry metrics like every other.
 */
public final class Goodput {
    /** The configuration key the SLOs are saved under. */
    public static final String CONFIGURATION_KEY = "goodput";

    private Goodput() {
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

    /** The run with its SLOs saved in the configuration, so a reloaded result recomputes the same goodput. */
    public static RunResult annotate(RunResult result, GoodputSlos slos) {
        Map<String, Object> configuration = new LinkedHashMap<>(result.configuration());
        configuration.put(CONFIGURATION_KEY, slos.toConfiguration());
        return result.withConfiguration(configuration);
    }

    /** The SLOs a saved run's configuration carries, or null. */
    public static GoodputSlos savedSlos(RunResult result) {
        Object saved = result.configuration().get(CONFIGURATION_KEY);
        return saved instanceof Map<?, ?> map && !map.isEmpty() ? GoodputSlos.fromConfiguration(map) : null;
    }
}
