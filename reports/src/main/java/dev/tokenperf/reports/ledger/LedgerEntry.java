package dev.tokenperf.reports.ledger;

import dev.tokenperf.reports.record.GpuEnergy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One run as one ledger row. Numbers are formatted as documented: durations and times in seconds as
 * {@code 0.0000}, throughput as {@code 0.00}, energy in Wh as {@code 0.000000}, CO2 in grams and tokens per
 * joule as {@code 0.0000}; a value that was not measured (energy without telemetry, TTFT of a failed run) is
 * written empty, never as zero.
 *
 * @param modelName        the model
 * @param labels           model class, task, reasoning state (from flags; may be empty)
 * @param totalPrompts     requests measured
 * @param failedPrompts    of those, failed
 * @param durationSeconds  the measured window
 * @param avgTotalSeconds  mean request latency of successful requests
 * @param avgTtftSeconds   mean time to first token
 * @param promptTokens     prompt tokens of successful requests
 * @param completionTokens completion tokens of successful requests
 * @param energy           GPU energy over the window, or null without telemetry
 * @param timestamp        when the run ended
 * @param errorMessage     why the run failed, or empty
 * @param p50TtftSeconds   median TTFT
 * @param p99TtftSeconds   99th percentile TTFT
 * @param p50ItlSeconds    median inter-token latency
 * @param p99ItlSeconds    99th percentile inter-token latency
 * @param resultDirectory  where the run's results are, or empty
 */
public record LedgerEntry(String modelName, LedgerLabels labels, long totalPrompts, long failedPrompts,
                          double durationSeconds, OptionalDouble avgTotalSeconds, OptionalDouble avgTtftSeconds,
                          long promptTokens, long completionTokens, Energy energy, Instant timestamp,
                          String errorMessage, OptionalDouble p50TtftSeconds, OptionalDouble p99TtftSeconds,
                          OptionalDouble p50ItlSeconds, OptionalDouble p99ItlSeconds, String resultDirectory) {

    /**
     * GPU energy over a run's window.
     *
     * @param joules        energy
     * @param gramsCo2PerKwh the grid's carbon intensity
     */
    public record Energy(double joules, double gramsCo2PerKwh) {
    }

    public LedgerEntry {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(timestamp, "timestamp");
        errorMessage = errorMessage == null ? "" : errorMessage;
        resultDirectory = resultDirectory == null ? "" : resultDirectory;
    }

    /** The row's values, in {@link LedgerColumns#ALL} order, formatted. */
    public List<String> values() {
        long successful = totalPrompts - failedPrompts;
        long tokens = promptTokens + completionTokens;
        List<String> v = new ArrayList<>(LedgerColumns.ALL.size());
        v.add(modelName);
        v.add(labels.modelClass());
        v.add(labels.task());
        v.add(labels.reasoningState());
        v.add(Long.toString(totalPrompts));
        v.add(Long.toString(successful));
        v.add(Long.toString(failedPrompts));
        v.add(seconds(durationSeconds));
        v.add(seconds(avgTotalSeconds));
        v.add(seconds(avgTtftSeconds));
        v.add(Long.toString(tokens));
        v.add(Long.toString(promptTokens));
        v.add(Long.toString(completionTokens));
        v.add(durationSeconds > 0 ? String.format(Locale.US, "%.2f", tokens / durationSeconds) : "");
        if (energy == null) {
            v.addAll(List.of("", "", "", ""));
        } else {
            // the summary's energy formulas; the ledger's tokens per joule counts all tokens, prompts all requests
            GpuEnergy.Window w = new GpuEnergy.Window(energy.joules(), Double.NaN, Double.NaN, energy.gramsCo2PerKwh());
            v.add(String.format(Locale.US, "%.6f", w.wattHours()));
            v.add(String.format(Locale.US, "%.4f", w.co2Grams()));
            v.add(energy.joules() > 0 ? String.format(Locale.US, "%.4f", w.tokensPerJoule(tokens)) : "");
            v.add(totalPrompts > 0 ? String.format(Locale.US, "%.6f", w.wattHoursPerRequest(totalPrompts)) : "");
        }
        v.add(timestamp.toString());
        v.add(errorMessage);
        v.add(seconds(p50TtftSeconds));
        v.add(seconds(p99TtftSeconds));
        v.add(seconds(p50ItlSeconds));
        v.add(seconds(p99ItlSeconds));
        v.add(resultDirectory);
        return v;
    }

    private static String seconds(double s) {
        return String.format(Locale.US, "%.4f", s);
    }

    private static String seconds(OptionalDouble s) {
        return s.isPresent() ? seconds(s.getAsDouble()) : "";
    }
}
