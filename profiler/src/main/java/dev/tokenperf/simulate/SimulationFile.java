package dev.tokenperf.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tokenperf.serving.ServingExtensions;
import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import dev.tokenperf.workloads.schedule.TraceReader;
import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The capacity-planning configuration: a YAML file (the keys below) with values given as flags on top, so
 * flags win. The same file configures {@code simulate} and the emulator's pools, so the simulation predicts
 * what {@code profile --emulate} with that file measures. Every error names the flag, or the file and key.
 *
 * <pre>
 * mode: disagg                 # disagg (= disagg-decode-first) | disagg-prefill-first | agg
 * arrival: {rate_per_s: 2.0, pattern: poisson, smoothness: 1}        # or {trace: FILE}
 * cluster_disagg: {prefill_gpus: 1, prefill_tokens_per_s: 8000, decode_gpus: 2, decode_tokens_per_s: 50,
 *                  decode_max_batch: 16, decode_batch_growth: 0, kv_transfer_ms: 0, kv_transfer_us_per_token: 0,
 *                  prefill_gpu_tokens_per_s: [8000, 4000],   # heterogeneous prefill GPUs (sets prefill_gpus)
 *                  decode_kv_tokens_per_gpu: 0,              # KV memory per decode GPU; 0 = unlimited
 *                  first_token_priority: false}              # decode-first: first step skips the queue
 * cluster_agg: {gpus: 3, max_batch: 16,  # rates, batch, growth and KV memory default to cluster_disagg's
 *               prefill_gpu_tokens_per_s: [8000, 4000, 4000],  # heterogeneous GPUs (sets gpus)
 *               kv_tokens_per_gpu: 0}                          # KV memory per GPU; 0 = unlimited
 * prompt_tokens: {mode: real_mean_std, mean: 1024, std: 512}   # or {mode: empirical, file: DATASET_OR_RESULT}
 * output_tokens: {mode: p50_p90, p50: 128, p90: 512}
 * sim_seconds: 600
 * warmup_seconds: 60
 * seed: 42
 * </pre>
 */
public final class SimulationFile {
    private static final Map<String, Set<String>> KEYS = keys();
    /** Decode sequences per GPU unless configured; 1 is the pure two-queue model. */
    private static final int DEFAULT_BATCH = 16;
    private static final JsonNode ABSENT = JsonNodeFactory.instance.missingNode();

    private final Path file;
    private final JsonNode root;
    private final Map<String, JsonNode> flagValues = new HashMap<>();
    private final Map<String, String> flagNames = new HashMap<>();
    private final Map<String, TokenDistribution> fittedTokens = new HashMap<>();
    /** Fitted values used only where neither a flag nor the file gives one. */
    private final Map<String, JsonNode> fallbacks = new HashMap<>();
    private EmpiricalLengths empirical = new EmpiricalLengths(JTokkitTokenizer::new);

    private SimulationFile(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** Reads {@code file} (null: no file, defaults and flags only). */
    public static SimulationFile read(Path file) {
        if (file == null) {
            return new SimulationFile(null, JsonNodeFactory.instance.objectNode());
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it as YAML (" + e.getMessage().lines()
                    .findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": must be a YAML mapping of " + KEYS.keySet());
        }
        checkKeys(file, root);
        return new SimulationFile(file, root);
    }

    /** True when the YAML has this format's keys (a cluster section), as opposed to the emulator's own keys. */
    public static boolean isSimulationYaml(JsonNode root) {
        return root.has("cluster_disagg") || root.has("cluster_agg");
    }

    /** Sets {@code path} (e.g. {@code cluster_disagg.prefill_gpus}) from a flag, unless {@code value} is null. */
    public SimulationFile flag(String path, String flagName, Object value) {
        if (value != null) {
            flagValues.put(path, new ObjectMapper().valueToTree(value instanceof Path p ? p.toString() : value));
            flagNames.put(path, flagName);
        }
        return this;
    }

    /** Where empirical token specs are read, with the run's tokenizer (the embedded default unless set). */
    public SimulationFile empirical(EmpiricalLengths lengths) {
        this.empirical = lengths;
        return this;
    }

    /**
     * Takes r_p, r_d and the token lengths from a fitted run, over the file's values; flags set after this
     * still win.
     */
    public SimulationFile fit(ModelFit fit) {
        for (String cluster : new String[] {"cluster_disagg.", "cluster_agg."}) {
            flag(cluster + "prefill_tokens_per_s", "--from", fit.prefillTokensPerSecond());
            flag(cluster + "decode_tokens_per_s", "--from", fit.decodeTokensPerSecond());
        }
        fittedTokens.put("prompt_tokens", fit.promptTokens());
        fittedTokens.put("output_tokens", fit.outputTokens());
        return this;
    }

    /**
     * Fits the configured mode's pool sizes to a rate sweep's saturation ({@link PoolSizeFit}); each fitted size
     * is used where neither a flag nor the file gives that pool's size.
     *
     * @param rates r_p and r_d, fitted to the sweep's lowest rate
     */
    public PoolSizeFit fitPools(PoolSizeFit.Saturation top, ModelFit rates) {
        ServingModel model = model(null);
        boolean agg = model.mode() == ServingMode.AGGREGATED_POOL;
        Map<String, Integer> given = new HashMap<>();
        if (!agg && givenBy("cluster_disagg.prefill_gpus") != null) {
            given.put("cluster_disagg.prefill_gpus", model.prefillWorkers());
        }
        String decodeKey = agg ? "cluster_agg.gpus" : "cluster_disagg.decode_gpus";
        if (given(decodeKey)) {
            given.put(decodeKey, model.decodeWorkers());
        }
        PoolSizeFit fit = PoolSizeFit.of(top, rates, model, given);
        for (PoolSizeFit.PoolSize pool : fit.pools()) {
            if (!given.containsKey(pool.key())) {
                fallbacks.put(pool.key(), JsonNodeFactory.instance.numberNode(pool.size()));
            }
        }
        return fit;
    }

    /** The flag, or else the file and key, that gives {@code path}'s value; null when neither does. */
    public String givenBy(String path) {
        if (path.equals("cluster_disagg.prefill_gpus") && !given(path)
                && given("cluster_disagg.prefill_gpu_tokens_per_s")) {
            return name("cluster_disagg.prefill_gpu_tokens_per_s");
        }
        return given(path) ? name(path) : null;
    }

    private boolean given(String path) {
        return flagValues.containsKey(path) || !fromFile(path).isMissingNode();
    }

    /** The serving model of {@code mode} (the file's or flag's mode when null). */
    public ServingModel model(String mode) {
        String chosen = mode != null ? mode : text("mode", "disagg");
        ServingMode parsed = parseMode(chosen, mode != null ? "mode" : name("mode"));
        double rp = positive("cluster_disagg.prefill_tokens_per_s", 8000);
        double rd = positive("cluster_disagg.decode_tokens_per_s", 50);
        int batch = whole("cluster_disagg.decode_max_batch", DEFAULT_BATCH);
        double growth = atLeastZero("cluster_disagg.decode_batch_growth", 0);
        long kvTokens = Math.round(atLeastZero("cluster_disagg.decode_kv_tokens_per_gpu", 0));
        boolean priority = bool("cluster_disagg.first_token_priority");
        if (parsed == ServingMode.AGGREGATED_POOL) {
            if (priority && mode == null) {
                throw new IllegalArgumentException(name("cluster_disagg.first_token_priority")
                        + ": applies to disagg (decode-first) only, not to mode agg");
            }
            List<Double> gpuRates = gpuRates("cluster_agg.prefill_gpu_tokens_per_s", "cluster_agg.gpus", 3);
            ServingExtensions extensions = new ServingExtensions(gpuRates,
                    Math.round(atLeastZero("cluster_agg.kv_tokens_per_gpu", kvTokens)), false);
            return ServingModel.aggregatedPool(whole("cluster_agg.gpus", gpuRates.isEmpty() ? 3 : gpuRates.size()),
                    poolRate(gpuRates, positive("cluster_agg.prefill_tokens_per_s", rp)),
                    positive("cluster_agg.decode_tokens_per_s", rd), whole("cluster_agg.max_batch", batch),
                    atLeastZero("cluster_agg.batch_growth", growth), extensions);
        }
        double kvMs = atLeastZero("cluster_disagg.kv_transfer_ms", 0);
        double kvUs = atLeastZero("cluster_disagg.kv_transfer_us_per_token", 0);
        List<Double> gpuRates = gpuRates("cluster_disagg.prefill_gpu_tokens_per_s", "cluster_disagg.prefill_gpus", 1);
        ServingExtensions extensions = new ServingExtensions(gpuRates, kvTokens, priority);
        return new ServingModel(parsed, gpuRates.isEmpty() ? whole("cluster_disagg.prefill_gpus", 1) : gpuRates.size(),
                poolRate(gpuRates, rp), Math.round(kvMs * 1e6), Math.round(kvUs * 1e3),
                whole("cluster_disagg.decode_gpus", 2), rd, batch, growth, extensions);
    }

    /** Heterogeneous GPUs' rates (empty when not given), which must be one per GPU when the count is given too. */
    private List<Double> gpuRates(String ratesPath, String countPath, int defaultCount) {
        List<Double> rates = rates(ratesPath);
        int gpus = whole(countPath, rates.isEmpty() ? defaultCount : rates.size());
        if (!rates.isEmpty() && rates.size() != gpus) {
            throw new IllegalArgumentException(name(ratesPath) + " lists " + rates.size() + " rates for "
                    + name(countPath) + " " + gpus);
        }
        return rates;
    }

    /** Heterogeneous GPUs: their mean rate is the pool's, so the offered load is λ E[prompt] / Σ rates. */
    private static double poolRate(List<Double> gpuRates, double rate) {
        return gpuRates.isEmpty() ? rate : gpuRates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private List<Double> rates(String path) {
        JsonNode value = lookup(path);
        if (value.isMissingNode()) {
            return List.of();
        }
        List<Double> rates = new ArrayList<>();
        for (JsonNode rate : value) {
            if (!rate.isNumber() || !(rate.doubleValue() > 0)) {
                throw new IllegalArgumentException(name(path) + ": '" + rate.asText() + "' must be a number > 0");
            }
            rates.add(rate.doubleValue());
        }
        if (!value.isArray() || rates.isEmpty()) {
            throw new IllegalArgumentException(name(path) + ": must be a list of tokens/s, one per prefill GPU");
        }
        return rates;
    }

    private boolean bool(String path) {
        JsonNode value = lookup(path);
        if (value.isMissingNode()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(name(path) + ": '" + value.asText() + "' must be true or false");
        }
        return value.booleanValue();
    }

    /** The whole simulation, in the file's or flag's mode. */
    public SimulationConfig config() {
        return config(null);
    }

    /** The whole simulation, in {@code mode} ({@code agg}, {@code disagg}, ...; null: the configured one). */
    public SimulationConfig config(String mode) {
        ServingModel model = model(mode);
        ArrivalSpec arrivals = arrivals();
        TokenDistribution prompt = tokens("prompt_tokens", TokenDistribution.LogNormal.fromMeanStd(1024, 512));
        TokenDistribution output = tokens("output_tokens", TokenDistribution.LogNormal.fromP50P90(128, 512));
        double sim = positive("sim_seconds", 600);
        double warmup = atLeastZero("warmup_seconds", 60);
        if (warmup >= sim) {
            throw new IllegalArgumentException(name("warmup_seconds") + " (" + warmup + ") must be below "
                    + name("sim_seconds") + " (" + sim + ")");
        }
        long seed = Math.round(number("seed", 42));
        return new SimulationConfig(model, arrivals, prompt, output, sim, warmup, seed);
    }

    private ArrivalSpec arrivals() {
        String trace = text("arrival.trace", null);
        if (trace != null) {
            try {
                return ArrivalSpec.ofTrace(TraceReader.read(Path.of(trace)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name("arrival.trace") + ": " + e.getMessage());
            }
        }
        ArrivalPattern pattern;
        try {
            pattern = ArrivalPattern.parse(text("arrival.pattern", "poisson"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name("arrival.pattern") + ": " + e.getMessage());
        }
        return new ArrivalSpec(pattern, positive("arrival.rate_per_s", 2.0), positive("arrival.smoothness", 1), null);
    }

    private TokenDistribution tokens(String key, TokenDistribution fallback) {
        JsonNode value = lookup(key);
        if (fittedTokens.containsKey(key) && !flagNames.containsKey(key)) {
            return fittedTokens.get(key);
        }
        if (value.isMissingNode()) {
            return fallback;
        }
        EmpiricalLengths.Side side = key.equals("prompt_tokens") ? EmpiricalLengths.Side.PROMPT
                : EmpiricalLengths.Side.OUTPUT;
        TokenSpecs.Samples samples = (name, path) -> empirical.read(name, path, side);
        return flagNames.containsKey(key) ? TokenSpecs.parse(name(key), value.asText(), samples)
                : TokenSpecs.fromYaml(name(key), value, samples);
    }

    private static ServingMode parseMode(String text, String key) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "agg", "aggregated-pool" -> ServingMode.AGGREGATED_POOL;
            case "disagg", "disagg-decode-first" -> ServingMode.DISAGG_DECODE_FIRST;
            case "disagg-prefill-first" -> ServingMode.DISAGG_PREFILL_FIRST;
            default -> throw new IllegalArgumentException(key + " '" + text
                    + "' is not a mode; use agg, disagg, disagg-prefill-first or disagg-decode-first");
        };
    }

    private JsonNode lookup(String path) {
        JsonNode flag = flagValues.get(path);
        if (flag != null) {
            return flag;
        }
        JsonNode node = fromFile(path);
        return node.isMissingNode() ? fallbacks.getOrDefault(path, ABSENT) : node;
    }

    private JsonNode fromFile(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isNull() ? ABSENT : node;
    }

    /** The flag that set {@code path}, else the file and key. */
    private String name(String path) {
        String flag = flagNames.get(path);
        return flag != null ? flag : (file != null ? file + " " : "") + path;
    }

    private double number(String path, double fallback) {
        JsonNode value = lookup(path);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name(path) + ": '" + value.asText() + "' is not a number");
        }
        return value.doubleValue();
    }

    private double positive(String path, double fallback) {
        double value = number(path, fallback);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name(path) + " (" + value + ") must be > 0");
        }
        return value;
    }

    private double atLeastZero(String path, double fallback) {
        double value = number(path, fallback);
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name(path) + " (" + value + ") must be >= 0");
        }
        return value;
    }

    private int whole(String path, int fallback) {
        JsonNode value = lookup(path);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(name(path) + ": '" + value.asText() + "' must be a whole number");
        }
        int n = value.intValue();
        if (n < 1) {
            throw new IllegalArgumentException(name(path) + " (" + n + ") must be >= 1");
        }
        return n;
    }

    private String text(String path, String fallback) {
        JsonNode value = lookup(path);
        return value.isMissingNode() ? fallback : value.asText();
    }

    private static void checkKeys(Path file, JsonNode root) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KEYS.containsKey(e.getKey())) {
                throw new IllegalArgumentException(file + ": unknown key '" + e.getKey() + "'; valid keys: "
                        + KEYS.keySet());
            }
            Set<String> inner = KEYS.get(e.getKey());
            if (inner.isEmpty()) {
                continue;
            }
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException(file + " " + e.getKey() + ": must be a mapping");
            }
            for (Iterator<String> names = e.getValue().fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (!inner.contains(key)) {
                    throw new IllegalArgumentException(file + " " + e.getKey() + ": unknown key '" + key
                            + "'; valid keys: " + inner);
                }
            }
        }
    }

    private static Map<String, Set<String>> keys() {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        keys.put("mode", Set.of());
        keys.put("arrival", Set.of("rate_per_s", "pattern", "smoothness", "trace"));
        keys.put("cluster_disagg", Set.of("prefill_gpus", "prefill_tokens_per_s", "decode_gpus",
                "decode_tokens_per_s", "decode_max_batch", "decode_batch_growth", "kv_transfer_ms",
                "kv_transfer_us_per_token", "prefill_gpu_tokens_per_s", "decode_kv_tokens_per_gpu",
                "first_token_priority"));
        keys.put("cluster_agg", Set.of("gpus", "max_batch", "prefill_tokens_per_s", "decode_tokens_per_s",
                "batch_growth", "prefill_gpu_tokens_per_s", "kv_tokens_per_gpu"));
        keys.put("prompt_tokens", Set.of("mode", "mu", "sigma", "mean", "std", "p50", "p90", "value", "file"));
        keys.put("output_tokens", Set.of("mode", "mu", "sigma", "mean", "std", "p50", "p90", "value", "file"));
        keys.put("sim_seconds", Set.of());
        keys.put("warmup_seconds", Set.of());
        keys.put("seed", Set.of());
        return keys;
    }
}
