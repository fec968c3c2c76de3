package dev.tokenperf.reports.record;

import dev.tokenperf.reports.load.SyntheticRuns;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunFingerprintTest {

    private static RunResult withConfig(Map<String, Object> config) {
        RunResult run = SyntheticRuns.run(1, 1);
        return new RunResult("1.2.3", config, run.startTime(), run.endTime(), 0, true, false, run.records().toList());
    }

    @Test
    void carriesVersionPromptHashModelAndConfiguration() {
        Map<String, Object> fingerprint = RunFingerprint.of(withConfig(SyntheticRuns.configuration()));
        assertEquals("1.2.3", fingerprint.get("tool_version"));
        assertEquals("abc", fingerprint.get("prompt_set_sha256"));
        assertEquals("m", fingerprint.get("server_model_id"));
        assertNull(fingerprint.get("random_seed"));
        assertNull(fingerprint.get("tokenizer"));
        assertEquals(SyntheticRuns.configuration(), fingerprint.get("configuration"));
    }

    @Test
    void findsSeedAndTokenizerInSectionsAndHashesTheConfiguration() {
        Map<String, Object> config = SyntheticRuns.configuration();
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) config.get("input");
        input.put("random_seed", 42);
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("name", "Qwen/Qwen3-0.6B");
        config.put("tokenizer", tokenizer);
        Map<String, Object> fingerprint = RunFingerprint.of(withConfig(config));
        assertEquals(42, fingerprint.get("random_seed"));
        assertEquals("Qwen/Qwen3-0.6B", fingerprint.get("tokenizer"));
        assertNotEquals(RunFingerprint.of(withConfig(SyntheticRuns.configuration())).get("configuration_sha256"),
                fingerprint.get("configuration_sha256"));
        assertEquals(fingerprint.get("configuration_sha256"), RunFingerprint.of(withConfig(config))
                .get("configuration_sha256"));
    }
}
