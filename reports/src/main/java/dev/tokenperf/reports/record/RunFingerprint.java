package dev.tokenperf.reports.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What identifies a result, so that comparisons and merges can tell whether two runs measured the same
 * thing: tool version, the configuration (already without secrets) and its hash, the random seed and
 * tokenizer when the run used them, the hash of the prompt set and the model id the server reported.
 * Read from the configuration keys the profiler writes ({@code prompt_set_sha256}, {@code server_model_id},
 * {@code random_seed}, {@code tokenizer}, {@code shard}); a key a run did not have is null. The plan hash
 * ({@link #planSha256}) is what shards of one run share.
 */
public final class RunFingerprint {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** The configuration's section that says which shard a run was and when and where it started. */
    private static final String SHARD_KEY = "shard";
    /** Keys of what one shard of a plan sent or used, which its sibling shards do not share. */
    private static final List<String> PER_SHARD_KEYS = List.of(SHARD_KEY, "prompt_set_sha256",
            RunResult.MERGED_KEY);

    private RunFingerprint() {
    }

    /**
     * The hash of the plan a run belongs to: its configuration without what differs between shards of one plan
     * (the shard section, the hash of the prompts this shard sent, the event loops it happened to use). Shards of
     * one plan have the same plan hash; a run of one process has its own.
     */
    public static String planSha256(Map<String, Object> config) {
        Map<String, Object> plan = new LinkedHashMap<>(config);
        PER_SHARD_KEYS.forEach(plan::remove);
        if (plan.get("loadgen") instanceof Map<?, ?> loadgen) {
            Map<Object, Object> shared = new LinkedHashMap<>(loadgen);
            shared.remove("client_event_loops_used");
            plan.put("loadgen", shared);
        }
        return sha256(plan);
    }

    /** The fingerprint as written beside the other keys of {@code profile_export_aiperf.json}. */
    public static Map<String, Object> of(RunResult result) {
        Map<String, Object> config = result.configuration();
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("tool_version", result.toolVersion());
        fingerprint.put("configuration_sha256", sha256(config));
        fingerprint.put("random_seed", find(config, "random_seed"));
        fingerprint.put("tokenizer", find(config, "tokenizer"));
        fingerprint.put("prompt_set_sha256", config.get("prompt_set_sha256"));
        fingerprint.put("server_model_id", config.get("server_model_id"));
        fingerprint.put("plan_sha256", planSha256(config));
        fingerprint.put("shard", config.get(SHARD_KEY));
        fingerprint.put("configuration", config);
        return fingerprint;
    }

    /** A key at the top of the configuration or in one of its sections; for a section, its {@code name}. */
    private static Object find(Map<String, Object> config, String key) {
        Object value = config.get(key);
        if (value == null) {
            for (Object section : config.values()) {
                if (section instanceof Map<?, ?> map && map.get(key) != null) {
                    value = map.get(key);
                    break;
                }
            }
        }
        if (value instanceof Map<?, ?> map && map.containsKey("name")) {
            return map.get("name");
        }
        return value;
    }

    private static String sha256(Map<String, Object> config) {
        try {
            byte[] canonical = CANONICAL.writeValueAsString(config).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the configuration", e);
        }
    }
}
