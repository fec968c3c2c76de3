package dev.tokenperf.reports.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.plan.InputConfig;
import dev.tokenperf.reports.plan.SavedPlan;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A result read back from its directory: the statistics exactly as {@code profile_export_aiperf.json} states them, the run
 * rebuilt from {@code profile_export.jsonl}, and the histograms of {@code histograms.hlog}.
 *
 * @param dir        where it was read from
 * @param summary    the parsed {@code profile_export_aiperf.json}
 * @param result     the run, with every record (warmup flagged)
 * @param histograms metric tag to histogram, values in the metric's recorded unit
 */
public record SavedResult(Path dir, JsonNode summary, RunResult result, Map<String, Histogram> histograms) {

    public SavedResult {
        histograms = Map.copyOf(histograms);
    }

    /** A statistic of {@code profile_export_aiperf.json} ({@code avg} for a run-level metric), if the result has it. */
    public OptionalDouble value(String tag, String stat) {
        return saved().value(tag, stat);
    }

    /** The unit {@code profile_export_aiperf.json} gives the metric, or null when the metric is absent. */
    public String unit(String tag) {
        return saved().unit(tag);
    }

    /** The directory's name, to label the run in tables and charts. */
    public String label() {
        return saved().label();
    }

    private SavedSummary saved() {
        return new SavedSummary(dir, summary);
    }

    /** Every value a per-request metric derives from the measured successful records, in display units. */
    public double[] requestValues(MetricDefinition metric) {
        List<Double> values = new ArrayList<>();
        for (RequestRecord r : result.measuredRecords()) {
            if (r.succeeded() && (!metric.streamingOnly() || r.streaming())) {
                metric.emit(r, v -> values.add(metric.unit().fromRecorded(v)));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The run's plan and facts, read back from its {@code input_config}. */
    public SavedPlan plan() {
        return InputConfig.read(result.configuration());
    }

    /** The statistics recomputed from the records in one pass, with goodput when the run saved SLOs. */
    public RunSummary recompute() {
        return RunSummarizer.summarize(result);
    }
}
