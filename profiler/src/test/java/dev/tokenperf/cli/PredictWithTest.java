package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.simulate.LatencySummary;
import dev.tokenperf.simulate.SimulationConfig;
import dev.tokenperf.simulate.SimulationFile;
import dev.tokenperf.simulate.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code profile --predict-with}: the simulator's TTFT at each swept rate beside the measured TTFT. */
class PredictWithTest {
    private static final String CONFIG = """
            mode: disagg
            cluster_disagg: {prefill_gpu_tokens_per_s: [8000, 6000], decode_gpus: 1, decode_tokens_per_s: 200,
                             decode_kv_tokens_per_gpu: 5000, first_token_priority: true}
            prompt_tokens: {mode: real_mean_std, mean: 400, std: 200}
            output_tokens: {mode: constant, value: 4}
            sim_seconds: 60
            warmup_seconds: 5
            seed: 3
            """;

    @Test
    void theSweepReportCarriesWhatTheSimulatorPredictsAtEachRate(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("model.yaml"), CONFIG);
        Path out = dir.resolve("sweep");
        CliRun run = CliRun.of("profile", "--emulate", "--quiet", "--no-client-warmup", "--streaming", "--request-rate", "20,40",
                "--request-count", "4", "--isl", "16", "--osl", "2", "--ttft-ms", "1", "--itl-ms", "1",
                "--predict-with", config.toString(), "--emulator-config", config.toString(), "--output-dir", out.toString(),
                "--plots");

        assertEquals(0, run.exitCode(), run.err());
        SimulationConfig base = SimulationFile.read(config).config();
        JsonNode points = CliRun.json(out.resolve("sweep.json")).path("points");
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertTrue(csv.get(0).startsWith("request_rate,dir,ttft_p50_ms,ttft_p90_ms,predicted_ttft_p50_ms,"
                + "predicted_ttft_p90_ms,predicted_ttft_p99_ms,itl_p50_ms"), csv.get(0));
        double[] rates = {20, 40};
        for (int i = 0; i < rates.length; i++) {
            LatencySummary expected = Simulator.run(base.withRate(rates[i])).ttft();
            JsonNode point = points.get(i);
            assertEquals(expected.p50Ms(), point.path("predicted_ttft_p50_ms").asDouble());
            assertEquals(expected.p90Ms(), point.path("predicted_ttft_p90_ms").asDouble());
            assertEquals(expected.p99Ms(), point.path("predicted_ttft_p99_ms").asDouble());
            String[] cells = csv.get(i + 1).split(",");
            assertEquals(String.format(java.util.Locale.US, "%.4f", expected.p50Ms()), cells[4]);
        }
        assertTrue(run.out().contains("predicted_ttft_p50_ms"), run.out());
        // the emulator serves and the prediction simulates one model, extensions included, and both say so
        String model = base.model().describe();
        assertTrue(model.endsWith(", prefill GPUs at [8000, 6000] tok/s, KV memory 5000 tokens/decode GPU, "
                + "first-token priority"), model);
        assertTrue(run.out().contains("predicted with: " + model + "\n"), run.out());
        assertTrue(run.out().contains("; " + model + ")"), run.out());
        assertTrue(Files.size(out.resolve("plots").resolve("sweep_ttft.png")) > 0);
        assertTrue(Files.readString(out.resolve("plots").resolve("report.html")).contains("measured and predicted"));
    }

    @Test
    void withoutARateSweepOrWithABadFileItIsAUsageError(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("model.yaml"), CONFIG);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "cluster_disagg: {prefill_gpus: 0}\n");

        CliRun single = CliRun.of("profile", "--emulate", "--request-rate", "20", "--request-count", "1",
                "--predict-with", config.toString(), "--output-dir", dir.resolve("a").toString());
        CliRun concurrency = CliRun.of("profile", "--emulate", "--concurrency", "1,2", "--request-count", "1",
                "--predict-with", config.toString(), "--output-dir", dir.resolve("b").toString());
        CliRun badFile = CliRun.of("profile", "--emulate", "--request-rate", "1,2", "--request-count", "1",
                "--predict-with", bad.toString(), "--output-dir", dir.resolve("c").toString());

        for (CliRun run : List.of(single, concurrency, badFile)) {
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("--predict-with"), run.err());
            assertTrue(!run.out().contains("emulator:"), run.out());
        }
        assertTrue(badFile.err().contains("prefill_gpus"), badFile.err());
    }
}
