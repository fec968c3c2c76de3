package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code simulate --from SWEEP_DIR} against the emulator's truth: a {@code profile --request-rate} sweep of an
 * emulator with 1 decode GPU of 4 sequences (50 tokens at 500 tokens/s: 40 requests/s) and a prefill GPU that
 * could do 100/s (500-token prompts at 50,000 tokens/s). The top rate (200/s) saturates decode, and the fit names
 * it and sizes it 1 (the default is 2); the prefill pool gets a lower bound. The throughput is the top run's pace
 * between its first and last completion, which the emulator's booked schedule sets; on a loaded machine late
 * deliveries slow it by up to a fifth, well inside the half-GPU a wrong size would miss by.
 */
class SimulateFromSweepTest {

    @Test
    @Timeout(120)
    void aSaturatedRateSweepGivesTheDecodePoolItsSizeAndFlagsStillWin(@TempDir Path dir) throws Exception {
        Path emulator = Files.writeString(dir.resolve("pools.yaml"), """
                mode: disagg
                cluster_disagg: {prefill_gpus: 1, prefill_tokens_per_s: 50000, decode_gpus: 1,
                                 decode_tokens_per_s: 500, decode_max_batch: 4}
                """);
        Path sweep = dir.resolve("sweep");
        CliRun profile = CliRun.of("profile", "--emulate", "--emulator-config", emulator.toString(), "--streaming",
                "--quiet", "--no-client-warmup", "--request-rate", "10,200", "--request-count", "20", "--isl", "500",
                "--isl-stddev", "200", "--osl", "50", "--output-dir", sweep.toString());
        assertEquals(0, profile.exitCode(), profile.err());
        // what simulate knows besides the sweep: the batch, not the pool sizes
        Path batch = Files.writeString(dir.resolve("batch.yaml"), "cluster_disagg: {decode_max_batch: 4}\n");
        Path out = dir.resolve("predicted");

        CliRun fitted = CliRun.of("simulate", "--from", sweep.toString(), "--config", batch.toString(), "--rate",
                "30", "--sim-seconds", "40", "--warmup-seconds", "5", "--output-dir", out.toString());

        assertEquals(0, fitted.exitCode(), fitted.err());
        assertTrue(fitted.out().contains("decode saturates first (4 sequences per GPU"), fitted.out());
        JsonNode pools = CliRun.json(out.resolve("simulation.json")).path("findings").path("pool_fit");
        assertEquals("saturated", pools.path("decode_gpus").path("verdict").asText(), pools.toString());
        assertEquals(1, pools.path("decode_gpus").path("size").asInt(), pools.toString());
        assertEquals("lower_bound", pools.path("prefill_gpus").path("verdict").asText(), pools.toString());
        assertTrue(fitted.out().contains("decode 1 x "), fitted.out());

        CliRun overridden = CliRun.of("simulate", "--from", sweep.toString(), "--config", batch.toString(),
                "--decode-gpus", "3", "--sim-seconds", "40", "--warmup-seconds", "5");

        assertEquals(0, overridden.exitCode(), overridden.err());
        assertTrue(overridden.out().contains("; --decode-gpus gives the size used"), overridden.out());
        assertTrue(overridden.out().contains("decode 3 x "), overridden.out());
    }
}
