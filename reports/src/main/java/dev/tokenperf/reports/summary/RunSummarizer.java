package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.disagg.DisaggregationVerdict;
import dev.tokenperf.reports.metrics.Goodput;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.metrics.MetricAccumulator;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricSource;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.metrics.RunTotals;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises a run in ONE pass over its records (which a profile reads back from its spill file): every
 * registry metric's accumulator and histogram, the run totals and goodput, the error groups, the first-token
 * verdict, the sequence-length accuracy (when given a tokenizer's tally) and the schedule lag of the client's
 * health. Nothing else decodes the records to compute statistics.
 */
public final class RunSummarizer {

    private RunSummarizer() {
    }

    /** The summary with goodput from the SLOs the run saved (if any), without sequence-length accuracy. */
    public static RunSummary summarize(RunResult result) {
        return summarize(result, Goodput.savedSlos(result), null);
    }

    /** The summary with goodput from the SLOs the run saved (if any) and the accuracy {@code accuracy} tallies. */
    public static RunSummary summarize(RunResult result, SequenceLengthAccuracy.Tally accuracy) {
        return summarize(result, Goodput.savedSlos(result), accuracy);
    }

    /**
     * @param slos     the SLOs goodput is judged against, or null for a summary without goodput
     * @param accuracy a tally with the run's tokenizer, fed every record on the way, or null
     */
    public static RunSummary summarize(RunResult result, GoodputSlos slos, SequenceLengthAccuracy.Tally accuracy) {
        Map<MetricDefinition, MetricAccumulator> accumulators = new LinkedHashMap<>();
        for (MetricDefinition metric : MetricRegistry.all()) {
            if (metric.isDistribution()) {
                accumulators.put(metric, new MetricAccumulator(metric));
            }
        }
        ErrorSummary errors = new ErrorSummary();
        DisaggregationVerdict.Tally verdict = DisaggregationVerdict.tally(result.streaming());
        long ok = 0;
        long failed = 0;
        long cancelled = 0;
        long outputTokens = 0;
        long inputTokens = 0;
        long good = 0;
        for (RequestRecord r : result.records()) {
            if (accuracy != null) {
                accuracy.add(r);
            }
            if (r.warmup()) {
                continue;
            }
            errors.add(r);
            if (r.resent()) {
                continue; // the request's outcome is its next attempt's record
            }
            if (r.cancelledByClient()) {
                cancelled++;
                continue;
            }
            verdict.add(r);
            if (!r.succeeded()) {
                failed++;
                continue;
            }
            ok++;
            outputTokens += r.outputTokens();
            inputTokens += Math.max(0, r.inputTokens());
            if (slos != null && Goodput.isGood(r, slos)) {
                good++;
            }
            for (Map.Entry<MetricDefinition, MetricAccumulator> e : accumulators.entrySet()) {
                MetricDefinition metric = e.getKey();
                if (!metric.streamingOnly() || r.streaming()) {
                    metric.emit(r, e.getValue()::record);
                }
            }
        }
        RunTotals totals = new RunTotals(result.benchmarkDurationNanos(), ok, failed, cancelled, outputTokens,
                inputTokens, slos == null ? -1 : good);

        List<MetricStatistics> statistics = new ArrayList<>();
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (MetricDefinition metric : MetricRegistry.all()) {
            if (metric.isDistribution()) {
                MetricAccumulator acc = accumulators.get(metric);
                if (acc.count() > 0) {
                    statistics.add(acc.statistics());
                    histograms.put(metric.tag(), acc.histogram());
                }
            } else if (metric.source() != MetricSource.SLOS || slos != null) {
                statistics.add(MetricStatistics.scalar(metric, metric.runValue(totals)));
            }
        }
        // the load generator measured its own health, all but the schedule lag, which lives in the records
        ClientHealth health = result.clientHealth();
        if (health != null && Double.isNaN(health.scheduleLagP99Millis())) {
            MetricAccumulator lag = accumulators.get(MetricRegistry.SCHEDULE_LAG);
            health = health.withScheduleLagP99(lag.count() == 0 ? 0 : lag.statistics().percentile(99));
        }
        return new RunSummary(result, statistics, histograms, errors.groups(), verdict.verdict(),
                accuracy == null ? null : accuracy.accuracy(), health);
    }
}
