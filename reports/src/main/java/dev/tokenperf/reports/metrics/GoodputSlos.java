package dev.tokenperf.reports.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Service-level objectives for goodput: per metric, the worst value a request may have, in the metric's
 * display unit (milliseconds for latencies). A lower-is-better metric must be at most its threshold, a
 * higher-is-better one at least.
 *
 * @param thresholds metric to threshold, in the order given
 */
public record GoodputSlos(Map<MetricDefinition, Double> thresholds) {

    public GoodputSlos {
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("at least one SLO is needed, e.g. \"ttft:300 itl:20\"");
        }
    }

    /**
     * Parses {@code "ttft:300 itl:20"}: space- or comma-separated {@code METRIC:VALUE} pairs, METRIC an alias
     * or tag of a per-request metric, VALUE in its display unit.
     *
     * @throws IllegalArgumentException naming the bad pair and what is valid
     */
    public static GoodputSlos parse(String text) {
        Map<MetricDefinition, Double> thresholds = new LinkedHashMap<>();
        for (String pair : text.trim().split("[\\s,]+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("'" + pair + "' must be METRIC:VALUE, e.g. ttft:300");
            }
            String name = pair.substring(0, colon).toLowerCase(Locale.ROOT);
            MetricDefinition metric = MetricAliases.resolve(name)
                    .filter(m -> m.isDistribution() && m.direction() != Direction.NEUTRAL)
                    .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a per-request metric "
                            + "with a better direction; use " + MetricAliases.NAMES + " or a latency tag"));
            double value;
            try {
                value = Double.parseDouble(pair.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + pair + "': the threshold must be a number in "
                        + metric.unit().label());
            }
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("'" + pair + "': the threshold must be >= 0");
            }
            thresholds.put(metric, value);
        }
        return new GoodputSlos(thresholds);
    }

    /** Tag to threshold, as saved in the result's configuration. */
    public Map<String, Object> toConfiguration() {
        Map<String, Object> m = new LinkedHashMap<>();
        thresholds.forEach((metric, value) -> m.put(metric.tag(), value));
        return m;
    }

    /** The inverse of {@link #toConfiguration()}. */
    public static GoodputSlos fromConfiguration(Map<?, ?> saved) {
        Map<MetricDefinition, Double> thresholds = new LinkedHashMap<>();
        saved.forEach((tag, value) -> thresholds.put(
                MetricRegistry.byTag(String.valueOf(tag)).orElseThrow(() -> new IllegalArgumentException(
                        "unknown goodput metric " + tag)), ((Number) value).doubleValue()));
        return new GoodputSlos(thresholds);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        thresholds.forEach((metric, value) -> text.append(text.isEmpty() ? "" : " ").append(metric.tag())
                .append(metric.direction() == Direction.LOWER_IS_BETTER ? "<=" : ">=")
                .append(value).append(' ').append(metric.unit().label()));
        return text.toString();
    }
}
