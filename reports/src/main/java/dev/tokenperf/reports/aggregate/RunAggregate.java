package dev.tokenperf.reports.aggregate;

import dev.tokenperf.reports.metrics.Direction;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.summary.RunSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Repeated runs of one plan ({@code --num-profile-runs}, as aiperf) summed up: for each metric and statistic,
 * its {@link AcrossRuns} mean, spread and t-interval, and a warning for each whose coefficient of variation says
 * the runs disagree.
 *
 * @param runs       the runs' directory names, in order
 * @param level      the confidence level of the intervals
 * @param metrics    metric tag to statistic ({@code avg}, {@code p50}, ...) to its value across runs
 * @param warnings   one line per statistic whose runs disagree
 */
public record RunAggregate(List<String> runs, double level, Map<String, Map<String, AcrossRuns>> metrics,
                           List<String> warnings) {
    /** The statistics aggregated for each per-request metric; run-level metrics have {@code avg} only. */
    public static final List<String> STATS = List.of("avg", "p50", "p90", "p99");
    /** A coefficient of variation above this says the runs disagree (10%, aiperf's threshold too). */
    public static final double CV_WARNING = 0.10;

    public RunAggregate {
        runs = List.copyOf(runs);
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        warnings = List.copyOf(warnings);
    }

    /** The statistic across runs, if the aggregate has it. */
    public Optional<AcrossRuns> across(String tag, String stat) {
        return Optional.ofNullable(metrics.getOrDefault(tag, Map.of()).get(stat));
    }

    /** The statistic's mean across runs, if the aggregate has it. */
    public OptionalDouble mean(String tag, String stat) {
        Optional<AcrossRuns> a = across(tag, stat);
        return a.isPresent() ? OptionalDouble.of(a.get().mean()) : OptionalDouble.empty();
    }

    /**
     * What a gate judges on repeated runs: the worse end of the statistic's t-interval (its upper bound for a
     * lower-is-better metric, its lower bound for a higher-is-better one, the mean when the metric has no
     * direction), so that a check passes only when the runs are confidently on its side, not merely on average.
     */
    public OptionalDouble worseBound(String tag, String stat) {
        Optional<AcrossRuns> a = across(tag, stat);
        if (a.isEmpty()) {
            return OptionalDouble.empty();
        }
        Direction direction = MetricRegistry.byTag(tag).map(MetricDefinition::direction).orElse(Direction.NEUTRAL);
        return OptionalDouble.of(switch (direction) {
            case LOWER_IS_BETTER -> a.get().high();
            case HIGHER_IS_BETTER -> a.get().low();
            case NEUTRAL -> a.get().mean();
        });
    }

    /**
     * @param names     each run's label
     * @param summaries the runs, at least two
     * @param level     confidence level, in (0, 1)
     */
    public static RunAggregate of(List<String> names, List<RunSummary> summaries, double level) {
        Map<String, Map<String, AcrossRuns>> metrics = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (MetricDefinition metric : MetricRegistry.all()) {
            Map<String, AcrossRuns> stats = new LinkedHashMap<>();
            for (String stat : metric.isDistribution() ? STATS : List.of("avg")) {
                double[] values = new double[summaries.size()];
                int n = 0;
                for (RunSummary s : summaries) {
                    OptionalDouble v = s.value(metric.tag(), stat);
                    if (v.isPresent()) {
                        values[n++] = v.getAsDouble();
                    }
                }
                if (n == summaries.size()) {
                    AcrossRuns across = AcrossRuns.of(values, level);
                    stats.put(stat, across);
                    if (across.cv() > CV_WARNING) {
                        warnings.add(String.format(Locale.US, "%s %s varies across runs (CV %.1f%% > %.0f%%): the "
                                + "runs disagree; run longer or check the server", metric.tag(), stat,
                                across.cv() * 100, CV_WARNING * 100));
                    }
                }
            }
            if (!stats.isEmpty()) {
                metrics.put(metric.tag(), stats);
            }
        }
        return new RunAggregate(names, level, metrics, warnings);
    }
}
