package dev.tokenperf.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.serving.ServingExtensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code simulation.json} and {@code .csv} carry each result's resolved extensions, agg and disagg alike. */
class SimulationExportTest {
    private static final String CONFIG = """
            mode: disagg
            arrival: {rate_per_s: 1}
            cluster_disagg: {prefill_gpu_tokens_per_s: [8000, 4000], decode_kv_tokens_per_gpu: 6000,
                             first_token_priority: true}
            cluster_agg: {prefill_gpu_tokens_per_s: [9000, 6000, 3000]}
            prompt_tokens: {mode: constant, value: 500}
            output_tokens: {mode: constant, value: 10}
            sim_seconds: 20
            warmup_seconds: 2
            """;

    @Test
    void eachRowHasTheExtensionsItsModelRanWith(@TempDir Path dir) throws Exception {
        SimulationFile file = SimulationFile.read(Files.writeString(dir.resolve("sim.yaml"), CONFIG));
        SimulationConfig disagg = file.config();
        SimulationConfig agg = file.config("agg"); // the sweep's agg curve: GPU rates of its own, the KV limit
        List<SimulationResult> results = List.of(Simulator.run(disagg), Simulator.run(agg));

        SimulationExport.write(dir, "simulation", results, Map.of());

        assertEquals(new ServingExtensions(List.of(8000.0, 4000.0), 6000, true), disagg.model().extensions());
        assertEquals(new ServingExtensions(List.of(9000.0, 6000.0, 3000.0), 6000, false), agg.model().extensions());
        JsonNode rows = new ObjectMapper().readTree(dir.resolve("simulation.json").toFile()).path("results");
        List<String> csv = Files.readAllLines(dir.resolve("simulation.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        for (int i = 0; i < results.size(); i++) {
            ServingExtensions expected = results.get(i).config().model().extensions();
            JsonNode row = rows.get(i);
            List<Double> rates = new ArrayList<>();
            row.path("prefill_gpu_tokens_per_s").forEach(r -> rates.add(r.doubleValue()));
            assertEquals(expected, new ServingExtensions(rates, row.path("kv_tokens_per_gpu").longValue(),
                    row.path("first_token_priority").booleanValue()), row.toString());
            String[] cells = csv.get(i + 1).split(",");
            assertEquals(String.valueOf(expected.firstTokenPriority()),
                    cells[header.indexOf("first_token_priority")]);
            assertEquals(expected.prefillGpuTokensPerSecond().size(),
                    cells[header.indexOf("prefill_gpu_tokens_per_s")].split(";").length);
        }
        assertEquals("9000.00;6000.00;3000.00", csv.get(2).split(",")[header.indexOf("prefill_gpu_tokens_per_s")]);
    }

    @Test
    void firstTokenPriorityIsRefusedInAConfiguredAggMode(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("sim.yaml"), CONFIG.replace("mode: disagg", "mode: agg"));
        SimulationFile file = SimulationFile.read(config);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, file::config);

        assertTrue(e.getMessage().startsWith(config + " cluster_disagg.first_token_priority: "), e.getMessage());
    }
}
