package dev.tokenperf.reports.export;

import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.reports.summary.RunSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code profile_export_aiperf.csv} as aiperf does: a section of distribution metrics
 * ({@code Metric,avg,min,max,p1..p99,p99.9,std}), a blank line, then {@code Metric,Value} for run-level ones.
 */
public final class SummaryCsvWriter {

    private SummaryCsvWriter() {
    }

    public static String render(RunSummary summary) {
        StringBuilder out = new StringBuilder("Metric,avg,min,max");
        for (double p : MetricStatistics.PERCENTILES) {
            out.append(',').append(MetricStatistics.percentileKey(p));
        }
        out.append(",std\n");
        for (MetricStatistics s : summary.statistics()) {
            if (!s.metric().isDistribution()) {
                continue;
            }
            out.append(label(s)).append(',').append(num(s.avg())).append(',').append(num(s.min()))
                    .append(',').append(num(s.max()));
            for (double p : MetricStatistics.PERCENTILES) {
                out.append(',').append(num(s.percentile(p)));
            }
            out.append(',').append(num(s.std())).append('\n');
        }
        out.append("\nMetric,Value\n");
        for (MetricStatistics s : summary.statistics()) {
            if (!s.metric().isDistribution()) {
                out.append(label(s)).append(',').append(num(s.avg())).append('\n');
            }
        }
        return out.toString();
    }

    public static void write(RunSummary summary, Path dir) throws IOException {
        Files.writeString(dir.resolve(ResultFiles.SUMMARY_CSV), render(summary), StandardCharsets.UTF_8);
    }

    private static String label(MetricStatistics s) {
        return "\"" + s.metric().header() + " (" + s.metric().unit().label() + ")\"";
    }

    private static String num(double v) {
        return String.format(Locale.US, "%.2f", v);
    }
}
