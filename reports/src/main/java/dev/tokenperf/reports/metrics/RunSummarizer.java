package dev.tokenperf.reports.metrics;

import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.record.RunResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes a {@link RunSummary} from a saved {@link RunResult} by running every registry metric over it. */
public final class RunSummarizer {

    private RunSummarizer() {
    }

    public static RunSummary summarize(RunResult result) {
        RequestRecords measured = result.measuredRecords();
        Map<MetricDefinition, MetricAccumulator> accumulators = accumulate(measured);

        long ok = 0;
        long outputTokens = 0;
        long inputTokens = 0;
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        Map<ErrorKind, String> examples = new EnumMap<>(ErrorKind.class);
        for (RequestRecord r : measured) {
            if (r.succeeded()) {
                ok++;
                outputTokens += r.outputTokens();
                inputTokens += Math.max(0, r.inputTokens());
            } else {
                errors.merge(r.error().kind(), 1L, Long::sum);
                examples.putIfAbsent(r.error().kind(), r.error().message());
            }
        }
        RunTotals totals = new RunTotals(result.benchmarkDurationNanos(), ok, measured.size() - ok,
                outputTokens, inputTokens);

        List<MetricStatistics> stats = new ArrayList<>();
        for (MetricDefinition metric : MetricRegistry.all()) {
            if (metric.isDistribution()) {
                MetricAccumulator acc = accumulators.get(metric);
                if (acc.count() > 0) {
                    stats.add(acc.statistics());
                }
            } else {
                stats.add(MetricStatistics.scalar(metric, metric.runValue(totals)));
            }
        }
        return new RunSummary(result, stats, errors, examples);
    }

    /** Records every distribution metric of the successful records into its own accumulator. */
    public static Map<MetricDefinition, MetricAccumulator> accumulate(Iterable<RequestRecord> records) {
        Map<MetricDefinition, MetricAccumulator> accumulators = new LinkedHashMap<>();
        for (MetricDefinition metric : MetricRegistry.all()) {
            if (metric.isDistribution()) {
                accumulators.put(metric, new MetricAccumulator(metric));
            }
        }
        for (RequestRecord r : records) {
            if (!r.succeeded()) {
                continue;
            }
            for (Map.Entry<MetricDefinition, MetricAccumulator> e : accumulators.entrySet()) {
                MetricDefinition metric = e.getKey();
                if (metric.streamingOnly() && !r.streaming()) {
                    continue;
                }
                metric.emit(r, e.getValue()::record);
            }
        }
        return accumulators;
    }

    /** Each distribution metric's histogram over the measured records, keyed by tag; empty ones left out. */
    public static Map<String, Histogram> histograms(RunResult result) {
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (Map.Entry<MetricDefinition, MetricAccumulator> e
                : accumulate(result.measuredRecords()).entrySet()) {
            if (e.getValue().count() > 0) {
                histograms.put(e.getKey().tag(), e.getValue().histogram());
            }
        }
        return histograms;
    }
}
