package dev.tokenperf.simulate;

import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.RequestRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model's rates fitted to a measured run, with their standard errors.
 *
 * <ul>
 *   <li>r_p from TTFT against prompt length: a robust line {@code TTFT = a + prompt / r_p} through the run's
 *       successful requests. Without queueing TTFT grows by exactly that slope, so give it a low-load run
 *       (concurrency 1, or a rate far below capacity) with prompts of different lengths.</li>
 *   <li>r_d from ITL: {@code r_d = 1 / mean ITL} (a sequence decoding alone; with batching, the run's
 *       typical batch is baked in).</li>
 * </ul>
 * The run's prompt and output lengths are kept, so the simulation can draw from them.
 *
 * @param prefillTokensPerSecond r_p
 * @param prefillStdError        its standard error (from the slope's)
 * @param fixedTtftMs            the intercept a: TTFT that does not grow with the prompt
 * @param decodeTokensPerSecond  r_d
 * @param decodeStdError         its standard error (from the mean ITL's)
 * @param promptTokens           the run's prompt lengths
 * @param outputTokens           the run's output lengths
 */
public record ModelFit(double prefillTokensPerSecond, double prefillStdError, double fixedTtftMs,
                       double decodeTokensPerSecond, double decodeStdError, TokenDistribution promptTokens,
                       TokenDistribution outputTokens) {

    /** Fits a saved result; the message says what the run lacks when it cannot be fitted. */
    public static ModelFit of(SavedResult result) {
        List<double[]> points = new ArrayList<>();
        List<Integer> prompts = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        for (RequestRecord r : result.result().measuredRecords()) {
            if (r.succeeded() && r.streaming() && r.chunkCount() > 0 && r.inputTokens() > 0) {
                points.add(new double[] {r.inputTokens(), MetricRegistry.ttftNanos(r) / 1e9});
                prompts.add(r.inputTokens());
                outputs.add(Math.max(1, r.outputTokens()));
            }
        }
        String source = result.dir().toString();
        if (points.size() < 3) {
            throw new IllegalArgumentException(source + ": needs at least 3 successful streamed requests to fit, has "
                    + points.size());
        }
        double[] slope = slope(points, source);
        double[] itlMs = result.requestValues(MetricRegistry.byTag("inter_token_latency").orElseThrow());
        if (itlMs.length < 2) {
            throw new IllegalArgumentException(source + ": needs requests of 2 or more output tokens to fit r_d");
        }
        double meanItl = mean(itlMs);
        double itlStdError = Math.sqrt(variance(itlMs, meanItl) / itlMs.length);
        return new ModelFit(1 / slope[0], slope[1] / (slope[0] * slope[0]), slope[2] * 1e3, 1e3 / meanItl,
                1e3 * itlStdError / (meanItl * meanItl),
                new TokenDistribution.Empirical(prompts.stream().mapToInt(Integer::intValue).toArray(),
                        source + " prompts"),
                new TokenDistribution.Empirical(outputs.stream().mapToInt(Integer::intValue).toArray(),
                        source + " outputs"));
    }

    /**
     * {slope, its standard error, intercept} of y on x by Theil–Sen: the median of the pairwise slopes, so a
     * few late outliers (a cold JVM's first requests) do not pull it. The standard error is a quarter of
     * Sen's rank-based 95% interval, whose half-width is about two standard errors.
     */
    private static double[] slope(List<double[]> points, String source) {
        int n = points.size();
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = points.get(j)[0] - points.get(i)[0];
                if (dx != 0) {
                    slopes.add((points.get(j)[1] - points.get(i)[1]) / dx);
                }
            }
        }
        if (slopes.isEmpty()) {
            throw new IllegalArgumentException(source + ": every prompt has the same length, so TTFT against prompt "
                    + "length has no slope; profile with --isl-stddev > 0");
        }
        slopes.sort(null);
        int m = slopes.size();
        double b = median(slopes);
        if (!(b > 0)) {
            throw new IllegalArgumentException(source + ": TTFT does not grow with prompt length (slope " + b
                    + " s/token); fit a low-load run");
        }
        double c = 1.96 * Math.sqrt(n * (n - 1.0) * (2 * n + 5) / 18);
        int lower = (int) Math.max(0, Math.floor((m - c) / 2));
        int upper = (int) Math.min(m - 1, Math.ceil((m + c) / 2));
        List<Double> intercepts = new ArrayList<>();
        for (double[] p : points) {
            intercepts.add(p[1] - b * p[0]);
        }
        intercepts.sort(null);
        return new double[] {b, (slopes.get(upper) - slopes.get(lower)) / 4, median(intercepts)};
    }

    private static double median(List<Double> sorted) {
        int m = sorted.size();
        return m % 2 == 1 ? sorted.get(m / 2) : (sorted.get(m / 2 - 1) + sorted.get(m / 2)) / 2;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double variance(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (values.length - 1);
    }

    /** The fit in one line, with uncertainties. */
    public String describe() {
        return String.format(Locale.US, "fitted r_p = %.0f ± %.0f tokens/s (TTFT = %.1f ms + prompt / r_p), "
                        + "r_d = %.2f ± %.2f tokens/s (1 / mean ITL); prompt and output lengths from the run",
                prefillTokensPerSecond, prefillStdError, fixedTtftMs, decodeTokensPerSecond, decodeStdError);
    }

    /** The fit as data, for the JSON file. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("prefill_tokens_per_s", prefillTokensPerSecond);
        json.put("prefill_tokens_per_s_std_error", prefillStdError);
        json.put("fixed_ttft_ms", fixedTtftMs);
        json.put("decode_tokens_per_s", decodeTokensPerSecond);
        json.put("decode_tokens_per_s_std_error", decodeStdError);
        return json;
    }
}
