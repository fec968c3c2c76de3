package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cache-probe} against the emulator's prefix cache, whose truth is known: a prompt of n tokens with c
 * cached has its first token due {@code ttft + prefill * (n - c)} after it arrives, and c is every full
 * 16-token block within the first n - 1 tokens once the document is held. Times are measured in a child JVM
 * (as the launcher runs), from the moment the request is written, so they can only be later than the truth.
 */
class CacheProbeEndToEndTest {
    private static final double TTFT_MS = 20;
    private static final double PREFILL_US = 200;
    /** Above the truth: the request's trip to the emulator and a loaded machine's scheduling. */
    private static final double SLACK_MS = 150;

    @TempDir
    Path dir;

    private static double truthSeconds(int uncachedTokens) {
        return (TTFT_MS + PREFILL_US / 1000 * uncachedTokens) / 1000;
    }

    @Test
    @Timeout(180)
    void flushGivesColdColdWarmWarmAtTheEmulatorsTruth() throws IOException, InterruptedException {
        Path out = dir.resolve("probe.jsonl");
        Files.writeString(out, "a stale line that the probe clears\n");
        CliRun run = CliProcess.run(150, "cache-probe", "--emulate", "--kv-cache-tokens", "8192",
                "--ttft-ms", String.valueOf(TTFT_MS), "--prefill-us-per-token", String.valueOf(PREFILL_US),
                "--max-ctx-tokens", "4096", "--num-following", "3", "--flush-cache", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out());
        List<JsonNode> rows = CliRun.jsonLines(out);
        assertEquals(4, rows.size(), run.out());
        for (JsonNode row : rows) {
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("run_index", "context_tokens", "ttft_seconds"), keys.subList(0, 3), row.toString());
        }
        int n = rows.get(0).path("context_tokens").asInt();
        int cached = (n - 1) / 16 * 16;
        assertTrue(n > 1500 && n <= 4096 - 2048 + 100, "document cut to the limit minus the margin: " + n);
        boolean[] warm = new boolean[4];
        boolean[] flushed = new boolean[4];
        for (int i = 0; i < 4; i++) {
            JsonNode row = rows.get(i);
            assertEquals(i + 1, row.path("run_index").asInt());
            assertEquals(n, row.path("context_tokens").asInt());
            warm[i] = row.path("warm").asBoolean();
            flushed[i] = row.path("flushed_before").asBoolean();
            int expectedCached = warm[i] ? cached : 0;
            assertEquals(expectedCached, row.path("cached_tokens").asInt(), "run " + (i + 1));
            double truth = truthSeconds(n - expectedCached);
            double ttft = row.path("ttft_seconds").asDouble();
            assertTrue(ttft >= truth && ttft <= truth + SLACK_MS / 1000,
                    "run " + (i + 1) + ": TTFT " + ttft + " s vs the emulator's truth " + truth + " s");
        }
        assertArrayEquals(new boolean[] {false, false, true, true}, warm);
        assertArrayEquals(new boolean[] {false, true, false, false}, flushed);
        assertTrue(run.out().contains("TTFT_1 = "), run.out());
        assertTrue(run.out().contains("verdict: cache effective (2 of 2 warm requests"), run.out());
    }

    @Test
    @Timeout(180)
    void contextSizesWriteEverySizeToOneFileAndThePlot() throws IOException, InterruptedException {
        Path out = dir.resolve("sweep.jsonl");
        CliRun run = CliProcess.run(150, "cache-probe", "--emulate", "--kv-cache-tokens", "65536",
                "--context-sizes", "3000,4096", "--num-following", "1", "-C", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out());
        List<JsonNode> rows = CliRun.jsonLines(out);
        assertEquals(List.of(3000, 3000, 4096, 4096), rows.stream().map(r -> r.path("max_ctx_tokens").asInt()).toList());
        assertEquals(List.of(1, 2, 1, 2), rows.stream().map(r -> r.path("run_index").asInt()).toList());
        assertTrue(rows.get(2).path("context_tokens").asInt() > rows.get(0).path("context_tokens").asInt(),
                rows.toString());
        assertEquals(0, rows.get(2).path("cached_tokens").asInt(), "a new size is cold: documents share no prefix");
        byte[] png = Files.readAllBytes(dir.resolve("sweep.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    }

    @Test
    @Timeout(120)
    void withoutACacheThereIsNoBenefitAndNoCachedCount() throws IOException, InterruptedException {
        Path out = dir.resolve("nocache.jsonl");
        CliRun run = CliProcess.run(100, "cache-probe", "--emulate", "--prefill-us-per-token", "100",
                "--max-ctx-tokens", "4096", "--num-following", "2", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out());
        List<JsonNode> rows = CliRun.jsonLines(out);
        assertEquals(3, rows.size());
        rows.forEach(r -> assertFalse(r.has("cached_tokens"), r.toString()));
        assertTrue(run.out().contains("verdict: no benefit"), run.out());
    }

    @Test
    void badInputNamesTheFlagAndSendsNothing() throws IOException {
        Path out = dir.resolve("never.jsonl");
        String[][] cases = {
                {"--num-following", "-1"},
                {"--flush-cache", "--num-following", "0"},
                {"--max-ctx-tokens", "2048"},
                {"--context-sizes", "8000,1000"},
                {"--context-file", dir.resolve("missing.txt").toString()},
                {"--kv-cache-tokens", "8"},
                {"--request-timeout", "0"}};
        String[] flags = {"--num-following", "--flush-cache", "--max-ctx-tokens", "--context-sizes",
                "--context-file", "--kv-cache-tokens", "--request-timeout"};
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("cache-probe", "--emulate", "--out", out.toString()));
            args.addAll(List.of(cases[i]));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().contains(flags[i]), run.err());
            assertFalse(run.out().contains("emulator:"), "no server started: " + run.out());
        }
        assertFalse(Files.exists(out), "nothing written before the input is valid");
    }

    @Test
    void unreachableServerFailsWithExitOne() {
        CliRun run = CliRun.of("cache-probe", "--url", "http://127.0.0.1:1", "--model", "m", "--max-ctx-tokens",
                "4096", "--out", dir.resolve("x.jsonl").toString());
        assertEquals(ExitCodes.RUN_FAILED, run.exitCode(), run.err());
        assertTrue(run.err().contains("cannot connect"), run.err());
    }
}
