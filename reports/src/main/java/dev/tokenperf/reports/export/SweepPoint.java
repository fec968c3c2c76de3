package dev.tokenperf.reports.export;

import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.summary.RunSummary;

import java.util.Locale;
import java.util.Optional;

/**
 * One benchmark of a sweep.
 *
 * @param parameter {@code concurrency} or {@code request_rate}
 * @param value     its value for this point
 * @param dirName   the point's result directory, relative to the sweep directory
 * @param summary   its statistics
 * @param predicted the model's TTFT for this point ({@code --predict-with}), or null without one
 */
public record SweepPoint(String parameter, double value, String dirName, RunSummary summary,
                         PredictedTtft predicted) {

    /** A point without a prediction. */
    public SweepPoint(String parameter, double value, String dirName, RunSummary summary) {
        this(parameter, value, dirName, summary, null);
    }

    /** A value as written in directory names and tables: {@code 4}, {@code 2.5}. */
    public static String label(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.US, "%s", value);
    }

    public double ttftP50() {
        return percentile(MetricRegistry.TIME_TO_FIRST_TOKEN.tag(), 50);
    }

    public double ttftP90() {
        return percentile(MetricRegistry.TIME_TO_FIRST_TOKEN.tag(), 90);
    }

    public double ttftP99() {
        return percentile(MetricRegistry.TIME_TO_FIRST_TOKEN.tag(), 99);
    }

    public double itlP50() {
        return percentile(MetricRegistry.INTER_TOKEN_LATENCY.tag(), 50);
    }

    public double requestLatencyP90() {
        return percentile(MetricRegistry.REQUEST_LATENCY.tag(), 90);
    }

    public double requestThroughput() {
        return scalar(MetricRegistry.REQUEST_THROUGHPUT.tag());
    }

    public double outputTokenThroughput() {
        return scalar(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT.tag());
    }

    /**
     * How the point ended, for the sweep table: {@code interrupted} (Ctrl-C) and {@code aborted} (the failed-request
     * threshold) first, since their numbers cover only part of the point, then {@code client-limited}, else
     * {@code ok}.
     */
    public String status() {
        if (summary.result().cancelled()) {
            return "interrupted";
        }
        if (summary.result().stop() != null && summary.result().stop().aborted()) {
            return "aborted";
        }
        return clientLimited() ? "client-limited" : "ok";
    }

    public boolean clientLimited() {
        return summary.clientHealth() != null && summary.clientHealth().clientLimited();
    }

    private double percentile(String tag, double p) {
        Optional<MetricStatistics> s = summary.get(tag);
        return s.map(m -> m.percentile(p)).orElse(Double.NaN);
    }

    private double scalar(String tag) {
        return summary.get(tag).map(MetricStatistics::avg).orElse(Double.NaN);
    }
}
