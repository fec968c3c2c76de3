package dev.tokenperf.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenSpecsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The parametric forms read no file. */
    private static final TokenSpecs.Samples NO_FILES = (name, path) -> {
        throw new AssertionError("read " + path);
    };

    @Test
    void realMeanStdConvertsToLogSpace() {
        TokenDistribution.LogNormal d = (TokenDistribution.LogNormal) TokenSpecs.parse("--prompt-tokens",
                "real_mean_std:1024,512", NO_FILES);

        double variance = Math.log(1 + 0.25);
        assertEquals(Math.sqrt(variance), d.sigma(), 1e-15);
        assertEquals(Math.log(1024) - variance / 2, d.mu(), 1e-15);
        assertEquals(1024, d.mean(), 1e-9);
        assertEquals(512, d.std(), 1e-9);
    }

    @Test
    void p50P90ConvertsWithTheNormalQuantile() {
        TokenDistribution.LogNormal d = (TokenDistribution.LogNormal) TokenSpecs.parse("--output-tokens",
                "p50_p90:128,512", NO_FILES);

        assertEquals(Math.log(128), d.mu(), 1e-15);
        assertEquals(Math.log(4) / 1.2815515655446004, d.sigma(), 1e-15);
        assertTrue(d.describe().contains("p50 128.0, p90 512.0"), d.describe());
    }

    @Test
    void yamlFormsMeanWhatTheFlagFormsMean() throws Exception {
        assertEquals(TokenSpecs.parse("f", "log:6.5,0.4", NO_FILES),
                TokenSpecs.fromYaml("k", JSON.readTree("{\"mode\":\"log\",\"mu\":6.5,\"sigma\":0.4}"), NO_FILES));
        assertEquals(TokenSpecs.parse("f", "real_mean_std:1024,512", NO_FILES),
                TokenSpecs.fromYaml("k", JSON.readTree("{\"mode\":\"real_mean_std\",\"mean\":1024,\"std\":512}"),
                        NO_FILES));
        assertEquals(TokenSpecs.parse("f", "p50_p90:128,512", NO_FILES),
                TokenSpecs.fromYaml("k", JSON.readTree("{\"mode\":\"p50_p90\",\"p50\":128,\"p90\":512}"), NO_FILES));
        assertEquals(new TokenDistribution.Constant(300),
                TokenSpecs.fromYaml("k", JSON.readTree("{\"mode\":\"constant\",\"value\":300}"), NO_FILES));
    }

    @Test
    void anEmpiricalSpecHandsItsWholePathToTheReaderFromAFlagOrTheYaml() throws Exception {
        TokenDistribution sample = new TokenDistribution.Empirical(new int[] {7}, "x");
        List<String> asked = new ArrayList<>();
        TokenSpecs.Samples reader = (name, path) -> {
            asked.add(name + " " + path);
            return sample;
        };

        assertEquals(sample, TokenSpecs.parse("--prompt-tokens", "empirical: data/a,b:c.jsonl", reader));
        assertEquals(sample, TokenSpecs.fromYaml("sim.yaml prompt_tokens",
                JSON.readTree("{\"mode\":\"empirical\",\"file\":\"runs/r1\"}"), reader));
        assertEquals(List.of("--prompt-tokens data/a,b:c.jsonl", "sim.yaml prompt_tokens runs/r1"), asked);
        assertMessage("--prompt-tokens empirical: needs a path", () -> TokenSpecs.parse("--prompt-tokens",
                "empirical:", reader));
    }

    @Test
    void badSpecsNameWhereTheyCameFrom() throws Exception {
        assertMessage("--prompt-tokens 'p50_p90:100': p50_p90 takes 2 parameter(s)",
                () -> TokenSpecs.parse("--prompt-tokens", "p50_p90:100", NO_FILES));
        assertMessage("--prompt-tokens 'lognormal'", () -> TokenSpecs.parse("--prompt-tokens", "lognormal", NO_FILES));
        assertMessage("--output-tokens: p50 (512.0) must be > 0 and p90 (128.0) >= p50",
                () -> TokenSpecs.parse("--output-tokens", "p50_p90:512,128", NO_FILES));
        assertMessage("sim.yaml prompt_tokens: log needs a number for 'sigma'", () -> TokenSpecs.fromYaml(
                "sim.yaml prompt_tokens", JSON.readTree("{\"mode\":\"log\",\"mu\":6}"), NO_FILES));
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable call) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.startsWith(start), message);
    }
}
