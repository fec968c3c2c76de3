package dev.tokenperf.reports.metrics;

import java.util.Map;
import java.util.Optional;

/** Short names users type for the common metrics ({@code ttft}, {@code itl}, ...); full tags work too. */
public final class MetricAliases {
    private static final Map<String, MetricDefinition> ALIASES = Map.of(
            "ttft", MetricRegistry.TIME_TO_FIRST_TOKEN,
            "ttst", MetricRegistry.TIME_TO_SECOND_TOKEN,
            "itl", MetricRegistry.INTER_TOKEN_LATENCY,
            "icl", MetricRegistry.INTER_CHUNK_LATENCY,
            "latency", MetricRegistry.REQUEST_LATENCY,
            "tps_user", MetricRegistry.OUTPUT_TOKEN_THROUGHPUT_PER_USER);

    /** The aliases as shown in help texts. */
    public static final String NAMES = "ttft, ttst, itl, icl, latency, tps_user";

    private MetricAliases() {
    }

    /** The tag an alias stands for, or the name itself when it is not an alias. */
    public static String tag(String name) {
        MetricDefinition metric = ALIASES.get(name);
        return metric == null ? name : metric.tag();
    }

    /** The registry metric an alias or tag names. */
    public static Optional<MetricDefinition> resolve(String name) {
        MetricDefinition metric = ALIASES.get(name);
        return metric != null ? Optional.of(metric) : MetricRegistry.byTag(name);
    }
}
