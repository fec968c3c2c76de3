package dev.tokenperf.simulate;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Pool sizes fitted from where a rate sweep's throughput saturates, by the model {@link ServingModel} and
 * {@code ServingPools} implement. Above saturation the bottleneck pool is always busy, so the throughput X is its
 * capacity:
 * <ul>
 *   <li>prefill: a GPU prefills one prompt at a time in {@code prompt / r_p}, so X = G_p r_p / E[prompt] and
 *       G_p = X E[prompt] / r_p;</li>
 *   <li>decode: a GPU runs B sequences at once ({@code decode_max_batch}), each holding its slot for its decoded
 *       tokens (all of them decode-first, one fewer prefill-first) at one step each, a step lasting
 *       {@code (1 + growth (B - 1)) / r_d} in a full batch; so G_d = X E[decoded] (1 + growth (B - 1)) / (B r_d);</li>
 *   <li>agg: each of a GPU's B slots holds a request for its prefill and then its decode, so
 *       G = X (E[prompt] / r_p + E[decoded] (1 + growth (B - 1)) / r_d) / B.</li>
 * </ul>
 * Only the bottleneck's estimate is a size; every other pool is not saturated at X, so its estimate is a lower
 * bound. Which pool saturates is the one whose estimate is a whole number (within two standard errors, or 10% of
 * it); a pool whose size the flags or the file give is judged at that size and settles a tie; otherwise the
 * estimate relatively nearer a whole number wins and the finding says the fit is ambiguous. When the top rate's throughput
 * still keeps up with λ, no pool is saturated and every estimate is a lower bound. The standard errors combine
 * r_p's and r_d's, the mean lengths' and the count's (1 / √completed, a Poisson count's).
 *
 * @param top     the sweep's top rate and what it served
 * @param pools   one fit per pool of the configured mode
 * @param finding what the sweep shows, in one line
 */
public record PoolSizeFit(Saturation top, List<PoolSize> pools, String finding) {
    /**
     * How far, relative to the size, a bottleneck's estimate may be from a whole number beyond two standard errors:
     * a measured run's throughput and the low-load rates fall a few percent off the model.
     */
    private static final double SLACK = 0.1;

    public PoolSizeFit {
        pools = List.copyOf(pools);
    }

    /**
     * The top rate of a sweep and the requests it completed.
     *
     * @param rate           λ, the requests/s asked for
     * @param sentRate       the requests/s the client actually sent (a lagging client sends fewer), or λ
     * @param throughput     X, requests/s completed
     * @param completed      requests completed (the count behind X)
     * @param meanPrompt     their mean prompt length
     * @param promptStdError its standard error
     * @param meanOutput     their mean output length
     * @param outputStdError its standard error
     */
    public record Saturation(double rate, double sentRate, double throughput, long completed, double meanPrompt,
                             double promptStdError, double meanOutput, double outputStdError) {
        /**
         * True when X falls short of what was sent by more than a run's own slack: 10% (a finite run's ends) or
         * two Poisson standard errors, whichever is larger. A client that could not send λ does not make the
         * server look saturated.
         */
        public boolean saturated() {
            return throughput < Math.min(rate, sentRate) * (1 - slack());
        }

        /** True when the client sent noticeably less than λ. */
        public boolean clientShort() {
            return sentRate < rate * (1 - slack());
        }

        private double slack() {
            return Math.max(0.1, 2 / Math.sqrt(Math.max(1, completed)));
        }
    }

    /** Whether a pool's estimate is its size or a lower bound on it. */
    public enum Verdict { SATURATED, LOWER_BOUND }

    /**
     * One pool's fit.
     *
     * @param pool     {@code prefill}, {@code decode} or {@code gpu}
     * @param key      its size's configuration key
     * @param estimate X over one GPU's capacity
     * @param stdError its standard error
     * @param verdict  the size, or a lower bound
     */
    public record PoolSize(String pool, String key, double estimate, double stdError, Verdict verdict) {
        /** The size to simulate: the estimate rounded, or the lower bound (never below 1). */
        public int size() {
            double size = verdict == Verdict.SATURATED ? Math.round(estimate) : Math.ceil(estimate - 2 * stdError);
            return (int) Math.max(1, size);
        }

        /** Its name in messages: the key without its section. */
        public String name() {
            return key.substring(key.indexOf('.') + 1);
        }

        /**
         * How far the estimate is from {@code size} GPUs, in tolerances (two standard errors, or {@value #SLACK} of
         * the size if more); at most 1 when that size saturating explains the throughput.
         */
        double misfit(long size) {
            return Math.abs(estimate - size) / Math.max(2 * stdError, SLACK * size);
        }

        /** {@link #misfit(long)} from the nearest whole number of GPUs. */
        double misfit() {
            return misfit(nearest());
        }

        /** How far the estimate is from the nearest whole number of GPUs, relative to that number. */
        double offWhole() {
            return Math.abs(estimate - nearest()) / nearest();
        }

        private long nearest() {
            return Math.max(1, Math.round(estimate));
        }
    }

    /**
     * Fits the pools of {@code model}'s mode.
     *
     * @param rates r_p and r_d with their standard errors (fitted from the sweep's lowest rate)
     * @param model the configured mode, batch and growth; its pool sizes are not used
     * @param given pool keys whose size the flags or the file give, with that size
     */
    public static PoolSizeFit of(Saturation top, ModelFit rates, ServingModel model, Map<String, Integer> given) {
        double rp = rates.prefillTokensPerSecond();
        double rd = rates.decodeTokensPerSecond();
        double rpRel = rates.prefillStdError() / rp;
        double rdRel = rates.decodeStdError() / rd;
        double countRel = 1 / Math.sqrt(Math.max(1, top.completed()));
        double decoded = top.meanOutput() - (model.mode() == ServingMode.DISAGG_DECODE_FIRST ? 0 : 1);
        double stepFactor = 1 + model.decodeBatchGrowth() * (model.decodeMaxBatch() - 1);
        int batch = model.decodeMaxBatch();
        // the seconds one request holds one unit of each pool, and their relative standard errors
        double prefillSeconds = top.meanPrompt() / rp;
        double prefillRel = Math.hypot(rpRel, top.promptStdError() / top.meanPrompt());
        double decodeSeconds = decoded * stepFactor / rd / batch;
        double decodeRel = Math.hypot(rdRel, top.outputStdError() / decoded);
        double x = top.throughput();
        List<PoolSize> candidates = new ArrayList<>();
        if (model.mode() == ServingMode.AGGREGATED_POOL) {
            double held = prefillSeconds / batch + decodeSeconds;
            double heldError = Math.hypot(prefillSeconds / batch * prefillRel, decodeSeconds * decodeRel);
            candidates.add(pool("gpu", "cluster_agg.gpus", x * held,
                    x * held * Math.hypot(countRel, heldError / held)));
        } else {
            candidates.add(pool("prefill", "cluster_disagg.prefill_gpus", x * prefillSeconds,
                    x * prefillSeconds * Math.hypot(countRel, prefillRel)));
            candidates.add(pool("decode", "cluster_disagg.decode_gpus", x * decodeSeconds,
                    x * decodeSeconds * Math.hypot(countRel, decodeRel)));
        }
        return judge(top, candidates, given, batch, rd);
    }

    private static PoolSize pool(String name, String key, double estimate, double stdError) {
        return new PoolSize(name, key, estimate, stdError, Verdict.LOWER_BOUND);
    }

    private static PoolSizeFit judge(Saturation top, List<PoolSize> candidates, Map<String, Integer> given, int batch,
                                     double rd) {
        String at = String.format(Locale.US, "%s req/s at λ = %s/s%s", SimulationTable.fmt(round3(top.throughput())),
                SimulationTable.fmt(top.rate()), top.clientShort() ? " (the client sent only "
                        + SimulationTable.fmt(round3(top.sentRate())) + "/s)" : "");
        if (!top.saturated()) {
            return new PoolSizeFit(top, candidates, "no pool saturated: throughput " + at + " keeps up with λ, so "
                    + "each pool size is only a lower bound (sweep to higher rates to fit one)");
        }
        // a given size first; then the estimate nearest a whole number relative to it (not in tolerances, which
        // would favour the most uncertain estimate)
        List<PoolSize> explain = candidates.stream().filter(p -> explains(p, given)).sorted(Comparator
                .comparing((PoolSize p) -> !given.containsKey(p.key())).thenComparingDouble(PoolSize::offWhole))
                .toList();
        if (explain.isEmpty()) {
            return new PoolSizeFit(top, candidates, "saturated at " + at + ", but no pool's fitted size is a whole "
                    + "number (" + estimates(candidates) + "): the fitted rates do not explain the saturation "
                    + "(client-limited? KV memory? another batch size?), so each size is only a lower bound");
        }
        PoolSize bottleneck = explain.get(0);
        List<PoolSize> fitted = candidates.stream().map(p -> p == bottleneck
                ? new PoolSize(p.pool(), p.key(), p.estimate(), p.stdError(), Verdict.SATURATED) : p).toList();
        String finding = String.format(Locale.US, "saturated at %s: %s saturates first%s", at, bottleneck.pool(),
                bottleneck.pool().equals("prefill") ? "" : String.format(Locale.US, " (%d sequences per GPU at %s "
                        + "tok/s)", batch, SimulationTable.fmt(round3(rd))));
        if (explain.size() > 1 && !given.containsKey(bottleneck.key())) {
            PoolSize other = explain.get(1);
            finding += String.format(Locale.US, "; ambiguous: %s %.2f ± %.2f would explain it too (taken: the one "
                    + "nearer a whole number); give a pool's size to settle it", other.name(), other.estimate(),
                    other.stdError());
        }
        return new PoolSizeFit(top, fitted, finding);
    }

    /** Whether this pool saturating at the given or a whole-number size explains the throughput. */
    private static boolean explains(PoolSize p, Map<String, Integer> given) {
        Integer size = given.get(p.key());
        return (size == null ? p.misfit() : p.misfit(size)) <= 1;
    }

    private static String estimates(List<PoolSize> pools) {
        return String.join(", ", pools.stream().map(p -> String.format(Locale.US, "%s %.2f", p.name(), p.estimate()))
                .toList());
    }

    private static double round3(double value) {
        return Double.parseDouble(String.format(Locale.US, "%.3g", value));
    }

    /**
     * One line per pool: its size or lower bound with the estimate behind it.
     *
     * @param givenBy a pool key to the flag or file key that gives its size, or null when none does
     */
    public List<String> lines(Function<String, String> givenBy) {
        List<String> lines = new ArrayList<>();
        for (PoolSize p : pools) {
            boolean saturated = p.verdict() == Verdict.SATURATED;
            String line = String.format(Locale.US, "%s %s %d (fitted %.2f ± %.2f%s)", p.name(),
                    saturated ? "≈" : "≥", p.size(), p.estimate(), p.stdError(),
                    saturated ? ": the pool that saturates" : ": not saturated, a lower bound only");
            String by = givenBy.apply(p.key());
            lines.add(line + (by == null ? "; using " + p.size() : "; " + by + " gives the size used"));
        }
        return lines;
    }

    /** The fit as data, for the JSON file. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("top_rate_per_s", top.rate());
        json.put("top_sent_per_s", top.sentRate());
        json.put("top_throughput_per_s", top.throughput());
        json.put("top_completed", top.completed());
        json.put("saturated", top.saturated());
        for (PoolSize p : pools) {
            Map<String, Object> pool = new LinkedHashMap<>();
            pool.put("estimate", p.estimate());
            pool.put("std_error", p.stdError());
            pool.put("verdict", p.verdict().name().toLowerCase(Locale.ROOT));
            pool.put("size", p.size());
            json.put(p.name(), pool);
        }
        json.put("finding", finding);
        return json;
    }
}
