package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricStatistics;

import java.util.List;
import java.util.Optional;

/**
 * The measured requests of one group beside the run's totals: those that named one model of several
 * ({@code -m a,b}), or went to one server of several ({@code --url a --url b}).
 *
 * @param key        the group's name (the model, or the server's URL)
 * @param requests   measured requests of the group, failed ones included, cancelled ones not
 * @param errors     the failed ones
 * @param statistics every metric that has a value over the group, in registry order; throughputs over the
 *                   run's whole benchmark duration
 */
public record GroupSummary(String key, long requests, long errors, List<MetricStatistics> statistics) {
    public GroupSummary {
        statistics = List.copyOf(statistics);
    }

    public Optional<MetricStatistics> get(MetricDefinition metric) {
        return statistics.stream().filter(s -> s.metric() == metric).findFirst();
    }
}
