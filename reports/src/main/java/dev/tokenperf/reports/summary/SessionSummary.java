package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.metrics.MetricStatistics;

import java.util.List;

/**
 * A session run's view of its records: the sessions as units ({@code session_latency}, {@code turns_per_session})
 * and, per turn index, the {@link dev.tokenperf.reports.metrics.MetricRegistry#perTurn() per-turn metrics} over
 * the successful turns with that index.
 *
 * @param sessions   measured sessions (distinct session ids)
 * @param statistics the session metrics that have values, in registry order
 * @param turns      one entry per turn index that has a successful turn, in index order
 */
public record SessionSummary(long sessions, List<MetricStatistics> statistics, List<Turn> turns) {
    public SessionSummary {
        statistics = List.copyOf(statistics);
        turns = List.copyOf(turns);
    }

    /**
     * @param index      the turn index, from 0
     * @param requests   successful turns with this index
     * @param statistics the per-turn metrics that have values over them
     */
    public record Turn(int index, long requests, List<MetricStatistics> statistics) {
        public Turn {
            statistics = List.copyOf(statistics);
        }
    }
}
