package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Predict, then measure: {@code simulate} with a pool configuration predicts the TTFT that
 * {@code profile --emulate} measures with the same file, under Poisson load at three rates; and
 * {@code simulate --from} a measured run recovers the rates the emulator was given.
 *
 * <p>The emulator books requests on the same {@code ServingPools} as the simulator, and both draw arrivals
 * from the same seeded schedule, so the prediction misses only by what real time adds: the client's send
 * lag, the network on 127.0.0.1 and the emulator's timer lateness: a millisecond or two on an idle machine,
 * tens on an overloaded one. The tolerance is 10% of the measured value plus that real-time error as the
 * run itself measured it (the send lag at the same percentile and the emulator's mean first-token
 * lateness). TTFT here is 120-250 ms (a 100 ms prefill, a 2 ms transfer, a 20 ms decode step, and the
 * queue), so 10% is 12 ms or more, far less than what a wrong pool model misses by (one prefill more or
 * less in the queue is 100 ms).
 */
class PredictVsMeasureTest {
    private static final double TOLERANCE = 0.10;
    private static final String CONFIG = """
            mode: disagg
            cluster_disagg: {prefill_gpus: 1, prefill_tokens_per_s: 5120, decode_gpus: 1, decode_tokens_per_s: 50,
                             decode_max_batch: 8, kv_transfer_ms: 2}
            prompt_tokens: {mode: constant, value: 512}
            output_tokens: {mode: constant, value: 12}
            """;
    private static final int SECONDS = 8;
    /** The first second of each run is left out of both sides: a cold JVM writes its first tokens late. */
    private static final int WARMUP_SECONDS = 1;

    @Test
    @Timeout(180)
    void simulateMatchesTheEmulatorsMeasuredTtftAtThreeRates(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("pools.yaml");
        Files.writeString(config, CONFIG);
        for (String rate : new String[] {"2", "4", "6"}) {
            Path measured = dir.resolve("measured-" + rate);
            CliRun profile = CliRun.of("profile", "--emulate", "--emulator-config", config.toString(), "--streaming",
                    "--quiet", "--request-rate", rate, "--arrival-pattern", "poisson", "--random-seed", "7",
                    "--concurrency", "64", "--benchmark-duration", Integer.toString(SECONDS), "--isl", "512",
                    "--osl", "12", "--output-dir", measured.toString());
            assertEquals(0, profile.exitCode(), profile.err());
            Path predicted = dir.resolve("predicted-" + rate);
            CliRun simulate = CliRun.of("simulate", "--config", config.toString(), "--rate", rate, "--seed", "7",
                    "--sim-seconds", Integer.toString(SECONDS), "--warmup-seconds", Integer.toString(WARMUP_SECONDS),
                    "--output-dir", predicted.toString());
            assertEquals(0, simulate.exitCode(), simulate.err());

            Histogram ttft = new Histogram(3);
            Histogram lag = new Histogram(3);
            List<JsonNode> records = CliRun.jsonLines(measured.resolve("profile_export.jsonl"));
            long origin = records.stream().mapToLong(r -> intended(r)).min().orElseThrow();
            for (JsonNode r : records) {
                if (intended(r) - origin >= WARMUP_SECONDS * 1_000_000_000L) {
                    ttft.recordValue(Math.round(r.path("metrics").path("time_to_first_token").path("value")
                            .asDouble() * 1e6));
                    lag.recordValue(Math.round(r.path("metrics").path("schedule_lag").path("value").asDouble() * 1e6));
                }
            }
            JsonNode prediction = CliRun.json(predicted.resolve("simulation.json")).path("results").get(0);
            assertEquals(ttft.getTotalCount(), prediction.path("measured").asLong(), "rate " + rate
                    + ": the same arrivals");
            double lateMs = CliRun.json(measured.resolve("profile_export_aiperf.json")).path("emulator_lateness")
                    .path("first_chunk").path("avg").asDouble();
            for (int p : new int[] {50, 90}) {
                // what real time adds and the model leaves out, as this run measured it: the client's send
                // lag at the same percentile and the emulator's mean lateness in writing first tokens
                double realTimeMs = lag.getValueAtPercentile(p) / 1e6 + lateMs;
                double m = ttft.getValueAtPercentile(p) / 1e6;
                double s = prediction.path("ttft_p" + p + "_ms").asDouble();
                String what = String.format(Locale.US, "rate %s TTFT p%d: measured %.1f ms, predicted %.1f ms, "
                        + "real-time error %.1f ms", rate, p, m, s, realTimeMs);
                System.out.println(what);
                assertEquals(m, s, TOLERANCE * m + realTimeMs, what);
            }
        }
    }

    /**
     * {@code simulate --from} a low-load run (one request at a time, prompts of 400-3,600 tokens) recovers the
     * emulator's r_p = 20,000 and r_d = 100 tokens/s within 10%.
     */
    @Test
    @Timeout(120)
    void simulateFromALowLoadRunRecoversTheRates(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("pools.yaml");
        Files.writeString(config, """
                mode: disagg
                cluster_disagg: {prefill_gpus: 1, prefill_tokens_per_s: 20000, decode_gpus: 1,
                                 decode_tokens_per_s: 100, decode_max_batch: 8, kv_transfer_ms: 2}
                """);
        Path measured = dir.resolve("low-load");
        CliRun profile = CliRun.of("profile", "--emulate", "--emulator-config", config.toString(), "--streaming",
                "--quiet", "--concurrency", "1", "--request-count", "40", "--isl", "2000", "--isl-stddev", "800",
                "--osl", "30", "--output-dir", measured.toString());
        assertEquals(0, profile.exitCode(), profile.err());

        Path predicted = dir.resolve("predicted");
        CliRun simulate = CliRun.of("simulate", "--from", measured.toString(), "--config", config.toString(),
                "--sim-seconds", "100", "--warmup-seconds", "10", "--output-dir", predicted.toString());
        assertEquals(0, simulate.exitCode(), simulate.err());
        assertTrue(simulate.out().startsWith("fitted r_p = "), simulate.out());

        JsonNode fit = CliRun.json(predicted.resolve("simulation.json")).path("findings").path("fit");
        assertEquals(20_000, fit.path("prefill_tokens_per_s").asDouble(), 2_000, fit.toString());
        assertEquals(100, fit.path("decode_tokens_per_s").asDouble(), 10, fit.toString());
        assertTrue(fit.path("prefill_tokens_per_s_std_error").asDouble() > 0, fit.toString());
    }

    private static long intended(JsonNode record) {
        return record.path("metadata").path("request_intended_start_ns").asLong();
    }
}
