package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.simulate.SimulationFile;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The emulator's serving mode and disaggregated queueing model ({@link ServingModel}), shared by
 * {@code emulate} and {@code profile --emulate}. Values come from the flags, else from the YAML file of
 * {@code --emulator-config} (keys are the flag names without dashes in front, e.g. {@code kv-transfer-ms}),
 * else from {@link ServingModel#DEFAULTS}. A {@code simulate --config} file (one with a cluster section) is
 * read by {@link SimulationFile}, the simulator's own reader, so both mean the same pools.
 */
public final class ServingModelOptions {
    private static final Set<String> KEYS = Set.of("mode", "prefill-workers", "prefill-tokens-per-sec",
            "kv-transfer-ms", "kv-transfer-us-per-token", "decode-workers", "decode-tokens-per-sec",
            "decode-max-batch", "decode-batch-growth");
    private static final Set<String> INTEGER_KEYS = Set.of("prefill-workers", "decode-workers", "decode-max-batch");

    @Option(names = {"--mode", "--emulate-mode"}, paramLabel = "MODE",
            description = "Emulator serving mode: aggregated, disagg-prefill-first (first token at prefill end, "
                    + "then the KV transfer gap), disagg-decode-first (prefill, transfer, first token from decode), "
                    + "aggregated-pool (the decode workers each prefill, then decode, FIFO). Default: aggregated.")
    String mode;

    @Option(names = {"--emulator-config", "--emulate-config"}, paramLabel = "FILE",
            description = "Emulator: YAML file with the serving-model keys (mode, prefill-workers, ...); flags win.")
    Path configFile;

    @Option(names = {"--prefill-workers", "--emulate-prefill-workers"}, paramLabel = "N",
            description = "Emulator (disagg modes): prefill workers G_p, FIFO. Default: 1.")
    Integer prefillWorkers;

    @Option(names = {"--prefill-tokens-per-sec", "--emulate-prefill-tokens-per-sec"}, paramLabel = "R",
            description = "Emulator (disagg modes): prompt tokens per second of one prefill worker. Default: 500000.")
    Double prefillTokensPerSecond;

    @Option(names = {"--kv-transfer-ms", "--emulate-kv-transfer-ms"}, paramLabel = "MS",
            description = "Emulator (disagg modes): fixed KV-cache transfer time. Default: 20.")
    Double kvTransferMillis;

    @Option(names = {"--kv-transfer-us-per-token", "--emulate-kv-transfer-us-per-token"}, paramLabel = "US",
            description = "Emulator (disagg modes): extra transfer time per prompt token. Default: 0.")
    Double kvTransferMicrosPerToken;

    @Option(names = {"--decode-workers", "--emulate-decode-workers"}, paramLabel = "N",
            description = "Emulator (disagg modes): decode workers G_d. Default: 1.")
    Integer decodeWorkers;

    @Option(names = {"--decode-tokens-per-sec", "--emulate-decode-tokens-per-sec"}, paramLabel = "R",
            description = "Emulator (disagg modes): tokens per second of one sequence decoding alone. Default: 200.")
    Double decodeTokensPerSecond;

    @Option(names = {"--decode-max-batch", "--emulate-decode-max-batch"}, paramLabel = "N",
            description = "Emulator (disagg modes): sequences per decode worker at once (1 = no batching). "
                    + "Default: 256.")
    Integer decodeMaxBatch;

    @Option(names = {"--decode-batch-growth", "--emulate-decode-batch-growth"}, paramLabel = "F",
            description = "Emulator (disagg modes): fraction each extra sequence in a decode batch adds to a step. "
                    + "Default: 0.")
    Double decodeBatchGrowth;

    @Option(names = {"--truth-event", "--emulate-truth-event"},
            description = "Emulator: end each stream with an 'event: tokenperf-truth' SSE event of the request's "
                    + "stage times (the X-Tokenperf-Truth header is always sent).")
    boolean truthEvent;

    /** The validated model; a bad flag or file is a {@link UsageException} naming it. */
    ServingModel model() {
        JsonNode file = readFile();
        if (SimulationFile.isSimulationYaml(file)) {
            return simulationModel();
        }
        checkKeys(file);
        ServingModel d = ServingModel.DEFAULTS;
        String modeText = mode != null ? mode : file.path("mode").asText(d.mode().option());
        ServingMode parsedMode;
        try {
            parsedMode = ServingMode.parse(modeText);
        } catch (IllegalArgumentException e) {
            throw new UsageException((mode != null ? "--mode " : source() + " mode: ") + e.getMessage());
        }
        int gp = (int) pick(prefillWorkers, file, "prefill-workers", d.prefillWorkers());
        double rp = pick(prefillTokensPerSecond, file, "prefill-tokens-per-sec", d.prefillTokensPerSecond());
        double kvMs = pick(kvTransferMillis, file, "kv-transfer-ms", d.kvTransferNanos() / 1e6);
        double kvUs = pick(kvTransferMicrosPerToken, file, "kv-transfer-us-per-token", d.kvTransferNanosPerToken() / 1e3);
        int gd = (int) pick(decodeWorkers, file, "decode-workers", d.decodeWorkers());
        double rd = pick(decodeTokensPerSecond, file, "decode-tokens-per-sec", d.decodeTokensPerSecond());
        int batch = (int) pick(decodeMaxBatch, file, "decode-max-batch", d.decodeMaxBatch());
        double growth = pick(decodeBatchGrowth, file, "decode-batch-growth", d.decodeBatchGrowth());
        if (kvMs < 0 || kvUs < 0) {
            throw new UsageException("--kv-transfer-ms (" + kvMs + ") and --kv-transfer-us-per-token (" + kvUs
                    + ") must be >= 0");
        }
        try {
            return new ServingModel(parsedMode, gp, rp, Math.round(kvMs * 1e6), Math.round(kvUs * 1e3), gd, rd,
                    batch, growth);
        } catch (IllegalArgumentException e) {
            throw new UsageException("emulator serving model: " + e.getMessage()
                    + (configFile != null ? " (flags or " + configFile + ")" : ""));
        }
    }

    /** One line describing the model, for the console. */
    static String describe(ServingModel m) {
        return m.describe();
    }

    private double pick(Number flag, JsonNode file, String key, double fallback) {
        if (flag != null) {
            return flag.doubleValue();
        }
        JsonNode value = file.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new UsageException(source() + " " + key + ": '" + value.asText() + "' is not a number");
        }
        if (INTEGER_KEYS.contains(key) && !value.canConvertToExactIntegral()) {
            throw new UsageException(source() + " " + key + ": '" + value.asText() + "' must be a whole number");
        }
        return value.doubleValue();
    }

    private String source() {
        return "--emulator-config " + configFile;
    }

    private JsonNode readFile() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        if (configFile == null) {
            return yaml.createObjectNode();
        }
        JsonNode root;
        try {
            root = yaml.readTree(Files.readString(configFile));
        } catch (IOException e) {
            throw new UsageException(source() + ": cannot read it as YAML (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new UsageException(source() + ": must be a YAML mapping of " + String.join(", ", sortedKeys()));
        }
        return root;
    }

    /**
     * The model of a {@code simulate --config} file (it has a cluster section), with these flags on top, so the
     * emulator serves exactly the pools {@code simulate} models; the file's load keys are the simulator's.
     */
    private ServingModel simulationModel() {
        try {
            return SimulationFile.read(configFile)
                    .flag("mode", "--mode", mode)
                    .flag("cluster_disagg.prefill_gpus", "--prefill-workers", prefillWorkers)
                    .flag("cluster_disagg.prefill_tokens_per_s", "--prefill-tokens-per-sec", prefillTokensPerSecond)
                    .flag("cluster_disagg.kv_transfer_ms", "--kv-transfer-ms", kvTransferMillis)
                    .flag("cluster_disagg.kv_transfer_us_per_token", "--kv-transfer-us-per-token",
                            kvTransferMicrosPerToken)
                    .flag("cluster_disagg.decode_gpus", "--decode-workers", decodeWorkers)
                    .flag("cluster_disagg.decode_tokens_per_s", "--decode-tokens-per-sec", decodeTokensPerSecond)
                    .flag("cluster_disagg.decode_max_batch", "--decode-max-batch", decodeMaxBatch)
                    .flag("cluster_disagg.decode_batch_growth", "--decode-batch-growth", decodeBatchGrowth)
                    .model(null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private void checkKeys(JsonNode root) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw new UsageException(source() + ": unknown key '" + key + "'; valid keys: "
                        + String.join(", ", sortedKeys()));
            }
        }
    }

    private static List<String> sortedKeys() {
        return KEYS.stream().sorted().toList();
    }
}
