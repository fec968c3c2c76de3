package dev.tokenperf.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@code disagg-prefill-first.yaml} against the emulator, and checks that bad files are usage errors. */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hung CLI run fails the build instead of hanging it
class DisaggExampleTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void theExampleConfiguresAPrefillFirstEmulatorAndFlagsWin() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "profile", "--emulate", "--emulator-config", "disagg-prefill-first.yaml",
                "--kv-transfer-ms", "30", "--streaming", "--concurrency", "2", "--request-count", "12",
                "--warmup-request-count", "2", "--isl", "100", "--osl", "6", "--output-dir", dir.toString());

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("mode disagg-prefill-first, prefill 2 x 400000 tok/s, KV transfer 30.00 ms"
                + " + 1.00 us/token, decode 2 x 100 tok/s, batch <= 32"), out.toString());
        JsonNode verdict = MAPPER.readTree(dir.resolve("profile_export_aiperf.json").toFile()).path("first_token_verdict");
        assertEquals("first-token-before-kv-transfer", verdict.path("verdict").asText(), verdict.toString());
    }

    @Test
    void anUnknownKeyOrABadModeIsAUsageErrorNamingTheFile() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "mode: disagg-prefill-first\nkv-transfer: 3\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, run(out, err, "profile", "--emulate", "--emulator-config", bad.toString()));
        assertTrue(err.toString().contains("--emulator-config " + bad + ": unknown key 'kv-transfer'"), err.toString());

        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new StringWriter(), err2, "profile", "--emulate", "--mode", "disagg"));
        assertTrue(err2.toString().contains("--mode 'disagg' is not a mode; use one of aggregated, "
                + "disagg-prefill-first, disagg-decode-first"), err2.toString());

        Files.writeString(bad, "prefill-workers: 1.5\n");
        StringWriter err3 = new StringWriter();
        assertEquals(2, run(new StringWriter(), err3, "profile", "--emulate", "--emulator-config", bad.toString()));
        assertTrue(err3.toString().contains("prefill-workers: '1.5' must be a whole number"), err3.toString());
    }
}
