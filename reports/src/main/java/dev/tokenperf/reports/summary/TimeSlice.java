package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.metrics.MetricStatistics;
import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One slice of the measured phase ({@code --slice-duration}, as aiperf): every metric over the requests that
 * started in it. A slice in which no request started is kept, with no statistics, so that a stall shows as a
 * gap rather than disappearing.
 *
 * @param index         zero-based, in time order
 * @param startNanos    its start, from the start of the measured phase
 * @param durationNanos its length (the last slice may be cut short by the end of the phase)
 * @param requests      measured requests that started in it, failed ones included
 * @param statistics    its metrics, as {@link RunSummary#statistics()}; empty when no request started
 * @param histograms    its distribution metrics' histograms by tag
 */
public record TimeSlice(int index, long startNanos, long durationNanos, long requests,
                        List<MetricStatistics> statistics, Map<String, Histogram> histograms) {

    public TimeSlice {
        statistics = List.copyOf(statistics);
        histograms = Collections.unmodifiableMap(new LinkedHashMap<>(histograms));
    }

    public boolean empty() {
        return requests == 0;
    }
}
