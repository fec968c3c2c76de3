package dev.tokenperf.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code simulate-rate-sweep.args} runs and writes its table and curves, naming the knee and the saturated
 * pool; {@code simulate-empirical.args} draws its lengths from the mooncake trace; {@code capacity-plan.yaml}
 * configures the emulator's pools too ({@code profile --emulate}).
 */
class SimulateExampleTest {
    private static final Path EXAMPLES = Path.of("").toAbsolutePath();

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void theRateSweepExampleWritesItsTablesAndCurves(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "@" + EXAMPLES.resolve("simulate-rate-sweep.args"), "--config",
                EXAMPLES.resolve("capacity-plan.yaml").toString(), "--sim-seconds", "300", "--output-dir",
                dir.toString());

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("disagg-decode-first: knee at λ = "), out.toString());
        assertTrue(out.toString().contains("decode saturates first at λ ≈ 6.96/s"), out.toString());
        JsonNode sweep = new ObjectMapper().readTree(dir.resolve("sweep.json").toFile());
        assertEquals(18, sweep.path("results").size());
        for (String file : new String[] {"sweep.csv", "sweep-ttft.png", "sweep-utilisation.png"}) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
    }

    @Test
    void theEmpiricalExampleDrawsItsLengthsFromTheTrace() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String trace = "empirical:" + EXAMPLES.resolve("datasets/mooncake-trace.jsonl");
        int code = run(out, err, "@" + EXAMPLES.resolve("simulate-empirical.args"), "--config",
                EXAMPLES.resolve("capacity-plan.yaml").toString(), "--prompt-tokens", trace, "--output-tokens", trace);

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("prompts (mean 1134.0, p50 1100, p90 1536)"), out.toString());
        assertTrue(out.toString().contains("outputs (mean 40.0, p50 32, p90 64)"), out.toString());
    }

    @Test
    void theCapacityPlanConfiguresTheEmulatorsPools(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "profile", "--emulate", "--emulator-config",
                EXAMPLES.resolve("capacity-plan.yaml").toString(), "--streaming", "--quiet", "--request-count", "4",
                "--isl", "64", "--osl", "4", "--output-dir", dir.toString());

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("mode disagg-decode-first, prefill 1 x 8000 tok/s, KV transfer 5.00 ms"
                + " + 0.00 us/token, decode 2 x 50 tok/s, batch <= 16"), out.toString());
    }
}
