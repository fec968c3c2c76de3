package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.disagg.DisaggregationVerdict;
import dev.tokenperf.reports.metrics.Goodput;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.metrics.MetricAccumulator;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises a run in ONE pass over its records (which a profile reads back from its spill file): every
 * registry metric's accumulator and histogram, the run totals and goodput, the error groups, the first-token
 * verdict, the sequence-length accuracy (when given a tokenizer's tally), the schedule lag of the client's
 * health, in a session run the sessions and per-turn statistics, with several models each model's and with several
 * servers each server's. Nothing else decodes the records to compute statistics.
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
        return summarize(result, slos, accuracy, 0);
    }

    /**
     * @param slos        the SLOs goodput is judged against, or null for a summary without goodput
     * @param accuracy    a tally with the run's tokenizer, fed every record on the way, or null
     * @param sliceNanos  length of each time slice of the measured phase, or 0 for none
     */
    public static RunSummary summarize(RunResult result, GoodputSlos slos, SequenceLengthAccuracy.Tally accuracy,
                                       long sliceNanos) {
        MetricTally run = new MetricTally();
        TimeSlicer slicer = sliceNanos > 0 ? new TimeSlicer(result, sliceNanos) : null;
        ErrorSummary errors = new ErrorSummary();
        DisaggregationVerdict.Tally verdict = DisaggregationVerdict.tally(result.streaming());
        SessionTally sessions = new SessionTally();
        GroupTally models = new GroupTally(RequestRecord::model);
        GroupTally urls = new GroupTally(RequestRecord::url);
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
            sessions.add(r);
            if (r.cancelledByClient()) {
                run.cancelled();
                models.cancelled(r);
                urls.cancelled(r);
                continue;
            }
            verdict.add(r);
            boolean good = slos != null && r.succeeded() && Goodput.isGood(r, slos);
            run.add(r, good);
            models.add(r, good);
            urls.add(r, good);
            if (slicer != null) {
                slicer.add(r, good);
            }
        }
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        List<MetricStatistics> statistics = run.statistics(result.benchmarkDurationNanos(), slos != null,
                result.gpuEnergy().isEmpty() ? null : result.gpuEnergy().window(), histograms);
        // the load generator measured its own health, all but the schedule lag, which lives in the records
        ClientHealth health = result.clientHealth();
        if (health != null && Double.isNaN(health.scheduleLagP99Millis())) {
            MetricAccumulator lag = run.accumulator(MetricRegistry.SCHEDULE_LAG);
            health = health.withScheduleLagP99(lag.count() == 0 ? 0 : lag.statistics().percentile(99));
        }
        return new RunSummary(result, statistics, histograms, errors.groups(), verdict.verdict(),
                accuracy == null ? null : accuracy.accuracy(), health,
                slicer == null ? List.of() : slicer.slices(slos != null), sessions.summary(),
                models.summaries(result.benchmarkDurationNanos(), slos != null),
                urls.summaries(result.benchmarkDurationNanos(), slos != null));
    }
}
