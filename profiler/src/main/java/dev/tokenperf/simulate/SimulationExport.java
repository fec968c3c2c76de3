package dev.tokenperf.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokenperf.serving.ServingExtensions;
import dev.tokenperf.serving.ServingMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Saves simulation results as {@code NAME.json} (the rows plus any findings, such as the knee) and
 * {@code NAME.csv} (one row per result, the same columns as the JSON rows), each row with the model it ran,
 * its extensions included.
 */
public final class SimulationExport {
    private static final List<String> POOLS = List.of("prefill", "decode", "gpu");

    private SimulationExport() {
    }

    /** Writes both files and returns their paths. */
    public static List<Path> write(Path dir, String name, List<SimulationResult> results,
                                   Map<String, Object> findings) throws IOException {
        Files.createDirectories(dir);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SimulationResult r : results) {
            rows.add(row(r));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("findings", findings);
        json.put("results", rows);
        Path jsonFile = dir.resolve(name + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
        StringBuilder csv = new StringBuilder(String.join(",", rows.get(0).keySet())).append('\n');
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : row.values()) {
                cells.add(v instanceof List<?> list ? list.stream().map(SimulationExport::cell)
                        .collect(Collectors.joining(";")) : cell(v));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Path csvFile = dir.resolve(name + ".csv");
        Files.writeString(csvFile, csv);
        return List.of(jsonFile, csvFile);
    }

    private static String cell(Object v) {
        return v instanceof Double d ? (d.isNaN() ? "" : String.format(Locale.US, "%.6g", d)) : String.valueOf(v);
    }

    /**
     * One result as named columns, in a fixed order; the resolved extensions are columns too (heterogeneous GPU
     * rates a list, in the CSV joined by {@code ;}; KV tokens per GPU, 0 unlimited; first-token priority).
     */
    static Map<String, Object> row(SimulationResult r) {
        Map<String, Object> row = new LinkedHashMap<>();
        SimulationConfig c = r.config();
        boolean agg = c.model().mode() == ServingMode.AGGREGATED_POOL;
        row.put("mode", SimulationTable.label(c.model()));
        row.put("rate_per_s", c.arrivals().ratePerSecond());
        row.put("prefill_tokens_per_s", c.model().prefillTokensPerSecond());
        row.put("decode_tokens_per_s", c.model().decodeTokensPerSecond());
        row.put("prefill_gpus", agg ? 0 : c.model().prefillWorkers());
        row.put("decode_gpus", c.model().decodeWorkers());
        ServingExtensions extensions = c.model().extensions();
        row.put("prefill_gpu_tokens_per_s", extensions.prefillGpuTokensPerSecond());
        row.put("kv_tokens_per_gpu", extensions.decodeKvTokensPerGpu());
        row.put("first_token_priority", extensions.firstTokenPriority());
        row.put("ttft_mean_ms", r.ttft().meanMs());
        row.put("ttft_p50_ms", r.ttft().p50Ms());
        row.put("ttft_p90_ms", r.ttft().p90Ms());
        row.put("ttft_p99_ms", r.ttft().p99Ms());
        row.put("prefill_wait_mean_ms", r.prefillWait().meanMs());
        row.put("prefill_wait_p90_ms", r.prefillWait().p90Ms());
        row.put("decode_wait_mean_ms", r.decodeWait().meanMs());
        row.put("decode_wait_p90_ms", r.decodeWait().p90Ms());
        for (String pool : POOLS) {
            PoolStat p = r.pools().stream().filter(s -> s.name().equals(pool)).findFirst().orElse(null);
            row.put("utilisation_" + pool, p == null ? Double.NaN : p.utilisation());
            row.put("offered_load_" + pool, p == null ? Double.NaN : p.offeredLoad());
        }
        row.put("throughput_per_s", r.throughputPerSecond());
        row.put("completed", r.completed());
        row.put("measured", r.measured());
        return row;
    }
}
