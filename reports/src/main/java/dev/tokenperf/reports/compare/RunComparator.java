package dev.tokenperf.reports.compare;

import dev.tokenperf.reports.aggregate.AcrossRuns;
import dev.tokenperf.reports.compare.ComparisonRow.StatDelta;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.load.SavedRuns;
import dev.tokenperf.reports.metrics.Direction;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.ClientHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Compares a candidate result with a base result, metric by metric, from their saved files: the statistics
 * of {@code profile_export_aiperf.json} side by side, and for each per-request metric one {@link Significance}
 * over the values derived from {@code profile_export.jsonl}. Either side may be repeated runs
 * ({@code --num-profile-runs}): its statistics are then the means across its runs, its per-request values those
 * of every run pooled, and its run-level metrics are tested across runs ({@link Significance#acrossRuns}).
 */
public final class RunComparator {
    /** The statistics compared for each per-request metric, the headline first. */
    public static final List<String> STATS = List.of("p50", "p90", "p99", "avg");
    /** The metrics a comparison shows unless every metric is asked for. */
    public static final Set<String> DEFAULT_METRICS = Set.of("time_to_first_token", "inter_token_latency",
            "time_to_second_token", "request_latency", "output_token_throughput", "request_throughput",
            "output_token_throughput_per_user", "error_request_count");

    private RunComparator() {
    }

    /** Two single runs. */
    public static Comparison compare(SavedResult base, SavedResult candidate, double alpha, double minEffect) {
        return compare(SavedRuns.of(base), SavedRuns.of(candidate), alpha, minEffect);
    }

    /** Every metric both sides have, compared. */
    public static Comparison compare(SavedRuns base, SavedRuns candidate, double alpha, double minEffect) {
        List<ComparisonRow> rows = new ArrayList<>();
        for (MetricDefinition metric : MetricRegistry.all()) {
            if (metric.isDistribution()) {
                addDistribution(rows, metric, base, candidate, alpha, minEffect);
            } else if (metric.direction() != Direction.NEUTRAL) {
                Optional<AcrossRuns> b = base.across(metric.tag(), "avg");
                Optional<AcrossRuns> c = candidate.across(metric.tag(), "avg");
                if (b.isPresent() && c.isPresent()) {
                    rows.add(row(metric, List.of(StatDelta.of("value", b.get().mean(), c.get().mean())),
                            Significance.acrossRuns(b.get(), c.get(), alpha, minEffect)));
                }
            }
        }
        WorkloadSpec.Match match = WorkloadSpec.match(base.first(), candidate.first());
        return new Comparison(base.label(), candidate.label(), match.differences(), match.notes(),
                caveats(base, candidate), alpha, minEffect, rows);
    }

    /** One line per run whose saved client health says the load generator could not keep up. */
    private static List<String> caveats(SavedRuns base, SavedRuns candidate) {
        List<String> caveats = new ArrayList<>();
        for (SavedRuns sideRuns : List.of(base, candidate)) {
            for (SavedResult side : sideRuns.runs()) {
                ClientHealth health = side.result().clientHealth();
                if (health != null && health.clientLimited()) {
                    caveats.add(side.label() + " was client-limited (" + String.join("; ", health.limitReasons())
                            + "): its latencies include the load generator's own delay");
                }
            }
        }
        return caveats;
    }

    private static void addDistribution(List<ComparisonRow> rows, MetricDefinition metric, SavedRuns base,
                                        SavedRuns candidate, double alpha, double minEffect) {
        List<StatDelta> stats = new ArrayList<>();
        for (String stat : STATS) {
            OptionalDouble b = base.value(metric.tag(), stat);
            OptionalDouble c = candidate.value(metric.tag(), stat);
            if (b.isPresent() && c.isPresent()) {
                stats.add(StatDelta.of(stat, b.getAsDouble(), c.getAsDouble()));
            }
        }
        if (stats.isEmpty()) {
            return;
        }
        double[] baseValues = base.requestValues(metric);
        double[] candidateValues = candidate.requestValues(metric);
        Significance significance = baseValues.length > 0 && candidateValues.length > 0
                ? Significance.of(baseValues, candidateValues, alpha, minEffect) : null;
        rows.add(row(metric, stats, significance));
    }

    private static ComparisonRow row(MetricDefinition metric, List<StatDelta> stats, Significance significance) {
        double delta = stats.get(0).absoluteDelta();
        String change;
        if (delta == 0) {
            change = "same";
        } else if (metric.direction() == Direction.NEUTRAL) {
            change = "changed";
        } else {
            boolean lower = delta < 0;
            change = lower == (metric.direction() == Direction.LOWER_IS_BETTER) ? "better" : "worse";
        }
        return new ComparisonRow(metric.tag(), metric.header(), metric.unit().label(), stats, change, significance);
    }
}
