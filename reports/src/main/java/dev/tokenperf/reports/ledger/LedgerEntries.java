package dev.tokenperf.reports.ledger;

import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.GpuEnergy;
import dev.tokenperf.reports.record.RequestRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.stream.LongStream;

/**
 * Makes ledger rows from a run's measured records, with the metric definitions of {@link MetricRegistry}
 * (latency, TTFT and ITL are those of the summary; percentiles are exact, nearest-rank over the requests).
 * Counts cover every measured request; latencies and tokens cover the successful ones.
 */
public final class LedgerEntries {
    private LedgerEntries() {
    }

    /**
     * @param measured        the run's measured records (warmup excluded)
     * @param durationSeconds the measured window
     * @param end             when the run ended
     * @param errorMessage    why the run failed, or empty
     * @param resultDirectory where the results are, or empty
     * @param energy          GPU energy over the window, or null without telemetry
     */
    public static LedgerEntry of(String model, LedgerLabels labels, Iterable<RequestRecord> measured,
                                 double durationSeconds, Instant end, String errorMessage, String resultDirectory,
                                 LedgerEntry.Energy energy) {
        long total = 0;
        long failed = 0;
        long promptTokens = 0;
        long completionTokens = 0;
        LongStream.Builder latency = LongStream.builder();
        LongStream.Builder ttft = LongStream.builder();
        LongStream.Builder itl = LongStream.builder();
        for (RequestRecord r : measured) {
            total++;
            if (!r.succeeded()) {
                failed++;
                continue;
            }
            promptTokens += Math.max(0, r.inputTokens());
            completionTokens += r.outputTokens();
            MetricRegistry.REQUEST_LATENCY.emit(r, latency::add);
            emitStreamed(MetricRegistry.TIME_TO_FIRST_TOKEN, r, ttft);
            emitStreamed(MetricRegistry.INTER_TOKEN_LATENCY, r, itl);
        }
        long[] latencies = latency.build().toArray();
        long[] ttfts = sorted(ttft);
        long[] itls = sorted(itl);
        return new LedgerEntry(model, labels, total, failed, durationSeconds, mean(latencies), mean(ttfts),
                promptTokens, completionTokens, energy, end, errorMessage, percentile(ttfts, 50),
                percentile(ttfts, 99), percentile(itls, 50), percentile(itls, 99), resultDirectory);
    }

    /** The row of a saved result directory ({@code tokenperf ledger add}). */
    public static LedgerEntry ofSaved(SavedResult saved, LedgerLabels labels) {
        String model = saved.summary().path("input_config").path("endpoint").path("model_names").path(0)
                .asText("");
        double duration = saved.value(MetricRegistry.BENCHMARK_DURATION.tag(), "avg").orElse(0);
        String error = saved.result().measuredRecords().stream().anyMatch(RequestRecord::succeeded) ? ""
                : "every request failed";
        GpuEnergy energy = saved.result().gpuEnergy();
        return of(model, labels, saved.result().measuredRecords(), duration, saved.result().endTime(), error,
                saved.dir().toAbsolutePath().normalize().toString(), energy.isEmpty() ? null
                        : new LedgerEntry.Energy(energy.window().joules(), energy.gramsCo2PerKwh()));
    }

    private static void emitStreamed(MetricDefinition metric, RequestRecord r, LongStream.Builder into) {
        if (r.streaming()) {
            metric.emit(r, into::add);
        }
    }

    private static long[] sorted(LongStream.Builder values) {
        long[] v = values.build().toArray();
        Arrays.sort(v);
        return v;
    }

    private static OptionalDouble mean(long[] nanos) {
        return nanos.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Arrays.stream(nanos).average()
                .orElseThrow() / 1e9);
    }

    /** Nearest-rank percentile of sorted values, in seconds. */
    private static OptionalDouble percentile(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) {
            return OptionalDouble.empty();
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return OptionalDouble.of(sortedNanos[Math.max(0, rank - 1)] / 1e9);
    }
}
