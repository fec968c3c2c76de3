package dev.tokenperf.reports.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerFileTest {
    @TempDir
    Path dir;

    static LedgerEntry entry(String model, LedgerEntry.Energy energy, String error) {
        return new LedgerEntry(model, new LedgerLabels("7B", "summarize", "off"), 10, 2, 4.0,
                OptionalDouble.of(1.23456), OptionalDouble.of(0.25), 800, 200, energy,
                Instant.parse("2026-12-01T02:00:00Z"), error, OptionalDouble.of(0.2), OptionalDouble.of(0.5),
                OptionalDouble.empty(), OptionalDouble.empty(), "/r/x");
    }

    @Test
    void theHeaderHasTheTwentyStandardColumnsInOrderThenTokenperfs() throws IOException {
        Path file = dir.resolve("ledger.csv");
        LedgerFile.append(file, entry("m", null, ""));
        List<String> lines = Files.readAllLines(file);
        assertEquals(String.join(",", "model_name", "model_class", "task", "reasoning_state", "total_prompts",
                "successful_prompts", "failed_prompts", "total_duration_seconds", "avg_total_time",
                "avg_time_to_first_token", "total_tokens", "total_prompt_tokens", "total_completion_tokens",
                "throughput_tokens_per_second", "gpu_energy_wh", "co2_emissions_g", "tokens_per_joule",
                "avg_energy_per_prompt_wh", "timestamp", "error_message", "p50_time_to_first_token",
                "p99_time_to_first_token", "p50_inter_token_latency", "p99_inter_token_latency",
                "result_directory"), lines.get(0));
        assertEquals(20, LedgerColumns.STANDARD.size());
        // energy not measured: empty, not zero; seconds as 0.0000; throughput 1000 tokens / 4 s
        assertEquals("m,7B,summarize,off,10,8,2,4.0000,1.2346,0.2500,1000,800,200,250.00,,,,,"
                + "2026-12-01T02:00:00Z,,0.2000,0.5000,,,/r/x", lines.get(1));
    }

    @Test
    void energyColumnsFollowFromTheJoulesAndTheGridIntensity() throws IOException {
        Path file = dir.resolve("ledger.csv");
        // 3600 J = 1 Wh; 400 g/kWh -> 0.4 g; 1000 tokens / 3600 J; 1 Wh / 10 prompts
        LedgerFile.append(file, entry("m", new LedgerEntry.Energy(3600, 400), "boom, \"quoted\""));
        String row = Files.readAllLines(file).get(1);
        assertTrue(row.contains(",1.000000,0.4000,0.2778,0.100000,"), row);
        assertTrue(row.contains(",\"boom, \"\"quoted\"\"\","), row);
    }

    @Test
    void aLedgerWithAnotherHeaderIsRefused() throws IOException {
        Path file = dir.resolve("old.csv");
        Files.writeString(file, "model_name,avg_latency_seconds,timestamp\nm,1.0,t\n");
        LedgerException e = assertThrows(LedgerException.class, () -> LedgerFile.append(file, entry("m", null, "")));
        assertTrue(e.getMessage().contains("ledger migrate"), e.getMessage());
        assertEquals("model_name,avg_latency_seconds,timestamp\nm,1.0,t\n", Files.readString(file));
    }

    @Test
    @Timeout(120)
    void appendsFromTwoProcessesNeverInterleave() throws IOException, InterruptedException {
        Path file = dir.resolve("shared.csv");
        List<Process> processes = new ArrayList<>();
        for (String name : new String[] {"first", "second"}) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LedgerAppender.class.getName(), file.toString(),
                    name, "150").redirectErrorStream(true).start());
        }
        for (Process p : processes) {
            assertTrue(p.waitFor(100, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        List<List<String>> records = Csv.parse(Files.readString(file));
        assertEquals(301, records.size(), "one header, 300 rows");
        for (List<String> record : records) {
            assertEquals(LedgerColumns.ALL.size(), record.size(), record.toString());
        }
        assertEquals(150, records.stream().filter(r -> r.get(0).equals("first")).count());
    }
}
