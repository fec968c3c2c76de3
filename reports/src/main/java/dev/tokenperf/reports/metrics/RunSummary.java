package dev.tokenperf.reports.metrics;

import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RunResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statistics of one run, in registry order. Metrics without any value (TTFT in a non-streaming run,
 * everything when all requests failed) are absent, never zero.
 *
 * @param result     the run the statistics come from
 * @param statistics one entry per metric that has at least one value
 * @param errors     error counts by kind, over measured requests
 * @param errorExamples one example message per error kind
 */
public record RunSummary(RunResult result, List<MetricStatistics> statistics, Map<ErrorKind, Long> errors,
                         Map<ErrorKind, String> errorExamples) {

    public RunSummary {
        statistics = List.copyOf(statistics);
        errors = Map.copyOf(errors);
        errorExamples = Map.copyOf(errorExamples);
    }

    public Optional<MetricStatistics> get(MetricDefinition metric) {
        return statistics.stream().filter(s -> s.metric() == metric).findFirst();
    }

    public Optional<MetricStatistics> get(String tag) {
        return statistics.stream().filter(s -> s.metric().tag().equals(tag)).findFirst();
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
