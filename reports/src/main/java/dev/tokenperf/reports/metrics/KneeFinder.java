package dev.tokenperf.reports.metrics;

import java.util.OptionalInt;

/**
 * Names the knee of a load sweep: the highest load before latency starts rising sharply while throughput
 * stops growing.
 *
 * <p>The rule, over points sorted by increasing load: the knee is point {@code i-1} for the first
 * {@code i >= 1} where latency p90 grows by at least {@value #LATENCY_RISE} times
 * ({@code lat[i] >= 1.5 * lat[i-1]}) while throughput grows by less than {@value #THROUGHPUT_GAIN} times
 * ({@code thr[i] < 1.1 * thr[i-1]}). Latency is TTFT p90 (request latency p90 when the run did not stream),
 * throughput is output token throughput. No such step: no knee within the swept range.
 */
public final class KneeFinder {
    /** Latency p90 ratio between neighbours that counts as a sharp rise. */
    public static final double LATENCY_RISE = 1.5;
    /** Throughput ratio between neighbours below which throughput counts as flat. */
    public static final double THROUGHPUT_GAIN = 1.1;

    /** The rule as one line, for reports. */
    public static final String RULE = "knee = last load before the first step where latency p90 rises >= 1.5x "
            + "while output token throughput rises < 1.1x";

    private KneeFinder() {
    }

    /**
     * @param latencyP90 per point, in increasing load order (NaN when unknown)
     * @param throughput per point, same order
     * @return the index of the knee point, or empty when none
     */
    public static OptionalInt find(double[] latencyP90, double[] throughput) {
        for (int i = 1; i < latencyP90.length; i++) {
            double lat0 = latencyP90[i - 1];
            double lat1 = latencyP90[i];
            if (Double.isNaN(lat0) || Double.isNaN(lat1) || !(lat0 > 0)) {
                continue;
            }
            if (lat1 >= LATENCY_RISE * lat0 && throughput[i] < THROUGHPUT_GAIN * throughput[i - 1]) {
                return OptionalInt.of(i - 1);
            }
        }
        return OptionalInt.empty();
    }
}
