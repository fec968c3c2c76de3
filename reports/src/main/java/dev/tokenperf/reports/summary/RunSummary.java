package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.disagg.DisaggregationVerdict;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.RunResult;
import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything a run's one pass over its records ({@link RunSummarizer}) found, in one object: the console table,
 * {@code profile_export_aiperf.json}, {@code profile_export_aiperf.csv}, {@code histograms.hlog}, sweeps, merge and compare all read this,
 * and none of them goes over the records again. Metrics without any value (TTFT in a non-streaming run,
 * everything when all requests failed, goodput without SLOs) are absent, never zero.
 *
 * @param result            the run the summary comes from
 * @param statistics        one entry per metric that has at least one value, in registry order
 * @param histograms        each distribution metric's histogram by tag, values in the metric's recorded unit;
 *                          metrics without values left out
 * @param errors            failed measured requests grouped by kind and HTTP status, in order of first failure
 * @param firstTokenVerdict whether the first token came before the KV transfer
 * @param accuracy          how well the requested sequence lengths were honoured, or null when the pass had no
 *                          tokenizer to count with (results read back, merged)
 * @param clientHealth      the load generator's health, its schedule lag measured by the pass, or null
 * @param slices            the measured phase's time slices, in order; empty without {@code --slice-duration}
 * @param sessions          a session run's sessions and per-turn statistics, or null for a single-turn run
 * @param perModel          with several models ({@code -m a,b}) each model's requests, in order of first request;
 *                          else empty
 * @param perUrl            with several servers ({@code --url a --url b}) each server's requests, in order of first
 *                          request; else empty
 */
public record RunSummary(RunResult result, List<MetricStatistics> statistics, Map<String, Histogram> histograms,
                         List<ErrorGroup> errors, DisaggregationVerdict firstTokenVerdict,
                         SequenceLengthAccuracy accuracy, ClientHealth clientHealth, List<TimeSlice> slices,
                         SessionSummary sessions, List<GroupSummary> perModel, List<GroupSummary> perUrl) {

    public RunSummary {
        statistics = List.copyOf(statistics);
        histograms = Collections.unmodifiableMap(new LinkedHashMap<>(histograms));
        errors = List.copyOf(errors);
        slices = List.copyOf(slices);
        perModel = List.copyOf(perModel);
        perUrl = List.copyOf(perUrl);
    }

    public Optional<MetricStatistics> get(MetricDefinition metric) {
        return statistics.stream().filter(s -> s.metric() == metric).findFirst();
    }

    public Optional<MetricStatistics> get(String tag) {
        return statistics.stream().filter(s -> s.metric().tag().equals(tag)).findFirst();
    }

    /** A statistic as {@code profile_export_aiperf.json} states it ({@code avg} for a run-level metric), if the run has it. */
    public OptionalDouble value(String tag, String stat) {
        return get(tag).map(s -> s.asExportMap().get(stat))
                .filter(Number.class::isInstance)
                .map(v -> OptionalDouble.of(((Number) v).doubleValue()))
                .orElse(OptionalDouble.empty());
    }

    /** Failed measured requests (resent attempts are not failures: their request has another record). */
    public long errorCount() {
        return errors.stream().filter(e -> !e.resent()).mapToLong(ErrorGroup::count).sum();
    }

    /** Attempts the server never processed that were sent again on a fresh connection. */
    public long resentCount() {
        return errors.stream().filter(ErrorGroup::resent).mapToLong(ErrorGroup::count).sum();
    }

    /** The back-off the server asked for with {@code Retry-After}, summed over failed requests, in ms. */
    public long retryAfterMillis() {
        return errors.stream().mapToLong(ErrorGroup::retryAfterMillis).sum();
    }

    /** The same summary with other statistics and histograms (a merge reads percentiles from summed ones). */
    public RunSummary withDistributions(List<MetricStatistics> newStatistics, Map<String, Histogram> newHistograms) {
        return new RunSummary(result, newStatistics, newHistograms, errors, firstTokenVerdict, accuracy, clientHealth,
                slices, sessions, perModel, perUrl);
    }
}
