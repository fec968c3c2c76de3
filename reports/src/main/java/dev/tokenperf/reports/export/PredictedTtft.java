package dev.tokenperf.reports.export;

/**
 * TTFT percentiles a model predicts for one sweep point ({@code profile --predict-with}), shown beside the
 * measured ones; milliseconds, NaN when the model measured nothing.
 *
 * @param p50Ms median
 * @param p90Ms 90th percentile
 * @param p99Ms 99th percentile
 */
public record PredictedTtft(double p50Ms, double p90Ms, double p99Ms) {
}
