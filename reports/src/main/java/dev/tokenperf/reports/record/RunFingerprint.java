package dev.tokenperf.reports.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What identifies a result, so that comparisons and merges can tell whether two runs measured the same
 * thing: tool version, the configuration (already without secrets) and its hash, the random seed and
 * tokenizer when the run used them, the hash of the prompt set and the model id the server reported.
 * Read from the configuration keys the profiler writes ({@code prompt_set_sha256}, {@code server_model_id},
 * {@code random_seed}, {@code tokenizer}); a key a run did not have is null.
 */
public final class RunFingerprint {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RunFingerprint() {
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
