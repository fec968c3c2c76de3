package dev.tokenperf.reports.merge;

import dev.tokenperf.reports.metrics.RunSummary;
import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * Several results combined into one.
 *
 * @param summary    the statistics: percentiles from the merged histograms, exact count/avg/min/max/std from
 *                   the records
 * @param histograms metric tag to the sum of the inputs' histograms
 */
public record MergedResult(RunSummary summary, Map<String, Histogram> histograms) {
}
