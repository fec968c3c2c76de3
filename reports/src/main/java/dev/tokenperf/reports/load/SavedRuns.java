package dev.tokenperf.reports.load;

import dev.tokenperf.reports.aggregate.AcrossRuns;
import dev.tokenperf.reports.aggregate.RunAggregate;
import dev.tokenperf.reports.metrics.MetricDefinition;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What compare and plot read from one directory: a single run's result, or repeated runs ({@code --num-profile-runs}),
 * each run's result with their saved aggregate.
 *
 * @param dir       the directory given
 * @param runs      the one result, or each run of {@code profile_runs/} in the aggregate's order
 * @param aggregate the runs' across-run statistics, null for a single run
 */
public record SavedRuns(Path dir, List<SavedResult> runs, RunAggregate aggregate) {

    public SavedRuns {
        runs = List.copyOf(runs);
    }

    /** A single run. */
    public static SavedRuns of(SavedResult result) {
        return new SavedRuns(result.dir(), List.of(result), null);
    }

    public boolean repeated() {
        return aggregate != null;
    }

    /** The first run: its plan is every run's plan. */
    public SavedResult first() {
        return runs.get(0);
    }

    /** The directory's name, to label the side in tables and charts. */
    public String label() {
        return SavedSummary.label(dir);
    }

    /** The statistic: the run's own, or its mean across the runs. */
    public OptionalDouble value(String tag, String stat) {
        return repeated() ? aggregate.mean(tag, stat) : first().value(tag, stat);
    }

    /** The statistic across the runs; a single run's value is one run with no spread. */
    public Optional<AcrossRuns> across(String tag, String stat) {
        if (repeated()) {
            return aggregate.across(tag, stat);
        }
        OptionalDouble v = first().value(tag, stat);
        return v.isPresent() ? Optional.of(AcrossRuns.one(v.getAsDouble())) : Optional.empty();
    }

    /** Every run's per-request values of the metric, pooled, in display units. */
    public double[] requestValues(MetricDefinition metric) {
        return runs.stream().flatMapToDouble(r -> Arrays.stream(r.requestValues(metric))).toArray();
    }
}
