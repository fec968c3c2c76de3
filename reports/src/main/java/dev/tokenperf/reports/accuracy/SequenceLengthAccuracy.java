package dev.tokenperf.reports.accuracy;

import dev.tokenperf.reports.record.RequestRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * How well the sequence lengths a run asked for were honoured: requested vs server-reported ({@code usage})
 * vs client-counted (the prompt sent and the output received, counted with the run's tokenizer after the
 * run), per request and as a summary with warnings for mismatches beyond {@value #TOLERANCE_PERCENT}%.
 *
 * <p>The server's prompt count includes its chat template and special tokens (BOS); that overhead is taken
 * per request as {@code server - client} and for the comparison as its most common value over the run, so a
 * constant template does not count as a mismatch while a server that drops or adds prompt tokens does.
 */
public final class SequenceLengthAccuracy {
    /** Relative difference above which a length counts as a mismatch. */
    public static final double TOLERANCE_PERCENT = 1.0;

    /**
     * One request's lengths.
     *
     * @param clientInputTokens  tokens of the prompt sent, as counted by the client's tokenizer
     * @param clientOutputTokens tokens of the output text received, re-encoded by the client's tokenizer
     * @param promptOverhead     {@code usage.prompt_tokens - clientInputTokens} (template, special tokens), or
     *                           null when the server reported no usage
     */
    public record RequestLengths(int clientInputTokens, int clientOutputTokens, Integer promptOverhead) {
    }

    private final ToIntFunction<String> tokenCounter;
    private final Map<String, Object> summary;
    private final List<String> warnings;
    private final String consoleLine;

    private SequenceLengthAccuracy(ToIntFunction<String> tokenCounter, Map<String, Object> summary,
                                   List<String> warnings, String consoleLine) {
        this.tokenCounter = tokenCounter;
        this.summary = summary;
        this.warnings = warnings;
        this.consoleLine = consoleLine;
    }

    /**
     * A tally to feed every record of the run (warmup included; the summary uses the measured successful ones),
     * then {@link Tally#accuracy()}.
     *
     * @param tokenCounter      the run's tokenizer, counting text
     * @param tokenizerName     its name, for the summary
     * @param approximateCounts true when the tokenizer is not the model's own, so client counts are estimates
     */
    public static Tally tally(ToIntFunction<String> tokenCounter, String tokenizerName, boolean approximateCounts) {
        return new Tally(tokenCounter, tokenizerName, approximateCounts);
    }

    private static RequestLengths lengths(RequestRecord r, ToIntFunction<String> tokenCounter) {
        Integer overhead = r.serverInputTokens() >= 0 ? r.serverInputTokens() - r.requestedInputTokens() : null;
        return new RequestLengths(r.requestedInputTokens(), tokenCounter.applyAsInt(r.outputText()), overhead);
    }

    /**
     * Takes what the summary needs from each record as the run's one pass goes by. Nothing is kept per request
     * (a run's records can be millions): the input check, which needs the run's most common overhead, counts
     * requests per distinct (server prompt tokens, requested prompt tokens) pair and is decided at the end.
     */
    public static final class Tally {
        private final ToIntFunction<String> tokenCounter;
        private final String tokenizerName;
        private final boolean approximate;
        private int measuredCount;
        private final Map<Integer, Integer> overheadCounts = new HashMap<>();
        private final Map<Long, Integer> inputPairs = new HashMap<>();
        private final Stats requestedIn = new Stats();
        private final Stats clientIn = new Stats();
        private final Stats serverIn = new Stats();
        private final Stats requestedOut = new Stats();
        private final Stats serverOut = new Stats();
        private final Stats clientOut = new Stats();
        private int outputMismatches;
        private int outputCompared;
        private int clientOutputMismatches;
        private int clientOutputCompared;

        private Tally(ToIntFunction<String> tokenCounter, String tokenizerName, boolean approximate) {
            this.tokenCounter = tokenCounter;
            this.tokenizerName = tokenizerName;
            this.approximate = approximate;
        }

        public void add(RequestRecord r) {
            if (r.warmup() || !r.succeeded()) {
                return;
            }
            measuredCount++;
            RequestLengths lengths = lengths(r, tokenCounter);
            requestedIn.add(r.requestedInputTokens());
            clientIn.add(lengths.clientInputTokens());
            clientOut.add(lengths.clientOutputTokens());
            if (r.serverInputTokens() >= 0) {
                serverIn.add(r.serverInputTokens());
                overheadCounts.merge(lengths.promptOverhead(), 1, Integer::sum);
                inputPairs.merge(((long) r.serverInputTokens() << 32) | (r.requestedInputTokens() & 0xffffffffL), 1,
                        Integer::sum);
            }
            if (r.requestedOutputTokens() >= 0) {
                requestedOut.add(r.requestedOutputTokens());
            }
            if (r.serverOutputTokens() >= 0 && r.requestedOutputTokens() >= 0) {
                outputCompared++;
                if (beyondTolerance(r.serverOutputTokens(), r.requestedOutputTokens())) {
                    outputMismatches++;
                }
            }
            if (r.serverOutputTokens() >= 0) {
                serverOut.add(r.serverOutputTokens());
                clientOutputCompared++;
                if (beyondTolerance(lengths.clientOutputTokens(), r.serverOutputTokens())) {
                    clientOutputMismatches++;
                }
            }
        }

        /** The accuracy over the records added so far. */
        public SequenceLengthAccuracy accuracy() {
            Integer overhead = mostCommon(overheadCounts);
            int inputMismatches = 0;
            if (overhead != null) {
                for (Map.Entry<Long, Integer> pair : inputPairs.entrySet()) {
                    int server = (int) (pair.getKey() >> 32);
                    int requested = (int) (long) pair.getKey();
                    if (beyondTolerance(server - overhead, requested)) {
                        inputMismatches += pair.getValue();
                    }
                }
            }

            List<String> warnings = new ArrayList<>();
            if (inputMismatches > 0) {
                warnings.add(String.format(Locale.US, "ISL: %d of %d requests: the server's prompt_tokens minus the "
                        + "%d-token template overhead differs from the requested length by more than %.0f%%",
                        inputMismatches, serverIn.count, overhead, TOLERANCE_PERCENT));
            }
            int overheadMin = overheadCounts.keySet().stream().mapToInt(Integer::intValue).min().orElse(0);
            int overheadMax = overheadCounts.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (overheadMin < 0) {
                warnings.add("ISL: the server reported fewer prompt tokens than the client counted (by up to "
                        + -overheadMin + "): " + tokenizerName + " is not the server's tokenizer (pass --tokenizer), "
                        + "or the server truncated the prompt");
            }
            if (overheadMax != overheadMin) {
                warnings.add("ISL: the template overhead (server prompt_tokens - client count) varies between "
                        + "requests, from " + overheadMin + " to " + overheadMax + ": the server does not count tokens like "
                        + tokenizerName);
            }
            if (outputMismatches > 0) {
                warnings.add(String.format(Locale.US, "OSL: %d of %d requests: completion_tokens differs from "
                        + "max_tokens by more than %.0f%% (to force exact lengths pass --extra-inputs ignore_eos:true, and "
                        + "min_tokens:N on vLLM/SGLang)", outputMismatches, outputCompared, TOLERANCE_PERCENT));
            }
            if (clientOutputMismatches > 0) {
                warnings.add(String.format(Locale.US, "OSL: %d of %d requests: the output re-encoded by %s "
                        + "differs from the server's completion_tokens by more than %.0f%%%s", clientOutputMismatches,
                        clientOutputCompared, tokenizerName, TOLERANCE_PERCENT,
                        approximate ? " (client counts are approximate: not the model's tokenizer)" : ""));
            }

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("tokenizer", tokenizerName);
            summary.put("client_counts_approximate", approximate);
            summary.put("requests", measuredCount);
            summary.put("tolerance_percent", TOLERANCE_PERCENT);
            summary.put("input_requested_avg", requestedIn.mean());
            summary.put("input_client_avg", clientIn.mean());
            summary.put("input_server_avg", serverIn.mean());
            summary.put("input_server_reported", serverIn.count);
            summary.put("prompt_overhead", overhead);
            summary.put("prompt_overhead_min", overheadCounts.isEmpty() ? null : overheadMin);
            summary.put("prompt_overhead_max", overheadCounts.isEmpty() ? null : overheadMax);
            summary.put("input_mismatches", inputMismatches);
            summary.put("output_requested_avg", requestedOut.mean());
            summary.put("output_server_avg", serverOut.mean());
            summary.put("output_client_avg", clientOut.mean());
            summary.put("output_server_mismatches", outputMismatches);
            summary.put("output_client_mismatches", clientOutputMismatches);
            summary.put("warnings", List.copyOf(warnings));

            String line = String.format(Locale.US, "sequence lengths (%d requests, tokenizer %s%s): ISL requested %s, "
                            + "client %s, server %s%s; OSL requested %s, server %s, client %s",
                    measuredCount, tokenizerName, approximate ? ", approximate" : "", fmt(requestedIn.mean()),
                    fmt(clientIn.mean()), fmt(serverIn.mean()),
                    overhead == null ? "" : " (template overhead " + overhead + ")", fmt(requestedOut.mean()),
                    fmt(serverOut.mean()), fmt(clientOut.mean()));
            return new SequenceLengthAccuracy(tokenCounter, summary, List.copyOf(warnings), line);
        }
    }

    /** The most frequent value, the smallest one among equally frequent values; null when there is none. */
    private static Integer mostCommon(Map<Integer, Integer> counts) {
        Integer best = null;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (best == null || e.getValue() > counts.get(best) || (e.getValue().equals(counts.get(best)) && e.getKey() < best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    private static boolean beyondTolerance(int actual, int expected) {
        return Math.abs(actual - expected) * 100.0 > TOLERANCE_PERCENT * Math.max(1, expected);
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.US, "%.1f", value);
    }

    /** The lengths of one request (its output counted again), or null for a failed one. */
    public RequestLengths forRecord(RequestRecord r) {
        return r.succeeded() ? lengths(r, tokenCounter) : null;
    }

    /** The summary as written to {@code profile_export_aiperf.json} under {@code sequence_length_accuracy}. */
    public Map<String, Object> summary() {
        return summary;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** One line for the console. */
    public String consoleLine() {
        return consoleLine;
    }

    /** A running mean that is null when empty. */
    private static final class Stats {
        private long sum;
        private int count;

        void add(int value) {
            sum += value;
            count++;
        }

        Double mean() {
            return count == 0 ? null : (double) sum / count;
        }
    }
}
