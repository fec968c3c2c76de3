package dev.tokenperf.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --ledger} on profile and cache-probe, {@code ledger add} and {@code ledger migrate}, through the CLI. */
class LedgerEndToEndTest {
    @TempDir
    Path dir;

    /** Fields of a ledger line without quoted commas (the rows written here have none). */
    private static List<String> fields(String line) {
        return Arrays.asList(line.split(",", -1));
    }

    @Test
    @Timeout(180)
    void profileAndCacheProbeAppendToOneLedgerAndAFailedRunStillLeavesARow() throws IOException {
        Path ledger = dir.resolve("ledger.csv");
        Path result = dir.resolve("run");
        CliRun profile = CliRun.of("profile", "--emulate", "--streaming", "--request-count", "4", "--osl", "5",
                "--output-dir", result.toString(), "--ledger", ledger.toString(), "--model-class", "7B",
                "--task", "chat", "--reasoning-state", "off");
        assertEquals(0, profile.exitCode(), profile.err());
        CliRun probe = CliRun.of("cache-probe", "--emulate", "--max-ctx-tokens", "4096", "--out",
                dir.resolve("p.jsonl").toString(), "--ledger", ledger.toString());
        assertEquals(0, probe.exitCode(), probe.err());
        CliRun failed = CliRun.of("cache-probe", "--url", "http://127.0.0.1:1", "--model", "m", "--max-ctx-tokens",
                "4096", "--out", dir.resolve("f.jsonl").toString(), "--ledger", ledger.toString());
        assertEquals(ExitCodes.RUN_FAILED, failed.exitCode());

        List<String> lines = Files.readAllLines(ledger);
        assertEquals(4, lines.size(), String.join("\n", lines));
        List<String> header = fields(lines.get(0));
        assertEquals(25, header.size());
        assertEquals("error_message", header.get(19));

        List<String> run = fields(lines.get(1));
        assertEquals(List.of("tokenperf-emulated", "7B", "chat", "off", "4", "4", "0"), run.subList(0, 7));
        assertEquals("20", run.get(header.indexOf("total_completion_tokens")), "4 requests x 5 tokens");
        assertEquals("", run.get(header.indexOf("gpu_energy_wh")), "no telemetry: empty, not zero");
        assertTrue(run.get(header.indexOf("avg_time_to_first_token")).matches("\\d+\\.\\d{4}"), run.toString());
        assertEquals(result.toAbsolutePath().normalize().toString(), run.get(header.indexOf("result_directory")));

        List<String> probed = fields(lines.get(2));
        assertEquals(List.of("tokenperf-emulated", "", "", "", "2", "2", "0"), probed.subList(0, 7));
        List<String> failedRow = fields(lines.get(3));
        assertEquals("m", failedRow.get(0));
        assertEquals("0", failedRow.get(header.indexOf("total_prompts")));
        assertTrue(failedRow.get(header.indexOf("error_message")).startsWith("cannot connect"), failedRow.toString());

        Path other = dir.resolve("other.csv");
        CliRun add = CliRun.of("ledger", "add", result.toString(), "--ledger", other.toString(), "--task", "again");
        assertEquals(0, add.exitCode(), add.err());
        List<String> added = fields(Files.readAllLines(other).get(1));
        assertEquals(List.of("tokenperf-emulated", ""), added.subList(0, 2), "labels come from this command's flags");
        assertEquals("again", added.get(2));
        assertEquals(run.subList(4, 14), added.subList(4, 14), "the same counts and times as the run's own row");
    }

    @Test
    @Timeout(120)
    void energyFromTheEmulatedGpuFillsTheEnergyColumnsAndMissingTelemetryIsSaidNotFaked() throws IOException {
        Path ledger = dir.resolve("energy.csv");
        CliRun run = CliRun.of("cache-probe", "--emulate", "--emulated-gpu-watts", "100,50", "--gpu-telemetry",
                "/dcgm/metrics", "--telemetry-interval", "0.05", "--grid-intensity", "400", "--max-ctx-tokens",
                "4096", "--out", dir.resolve("e.jsonl").toString(), "--ledger", ledger.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("from the energy counters"), run.out());
        List<String> header = fields(Files.readAllLines(ledger).get(0));
        List<String> row = fields(Files.readAllLines(ledger).get(1));
        double wh = Double.parseDouble(row.get(header.indexOf("gpu_energy_wh")));
        assertTrue(wh > 0, row.toString());
        assertEquals(wh / 1000 * 400, Double.parseDouble(row.get(header.indexOf("co2_emissions_g"))), 1e-4);

        CliRun none = CliRun.of("cache-probe", "--emulate", "--gpu-telemetry", "/dcgm/metrics", "--max-ctx-tokens",
                "4096", "--out", dir.resolve("n.jsonl").toString(), "--ledger", ledger.toString());
        assertEquals(0, none.exitCode(), none.err());
        assertTrue(none.out().contains("GPU telemetry: none available ("), none.out());
        List<String> without = fields(Files.readAllLines(ledger).get(2));
        assertEquals("", without.get(header.indexOf("gpu_energy_wh")), "no telemetry: empty, not zero");
    }

    @Test
    void badTelemetryFlagsAreUsageErrors() {
        for (String[] bad : new String[][] {{"--gpu-telemetry", "ftp://x"}, {"--telemetry-interval", "0"},
                {"--grid-intensity", "-1"}, {"--emulated-gpu-watts", "100"}}) {
            for (List<String> command : List.of(List.of("cache-probe", "--emulate", "--out",
                    dir.resolve("never.jsonl").toString()), List.of("profile", "--emulate", "--request-count", "1",
                    "--output-dir", dir.resolve("never").toString()))) {
                List<String> args = new java.util.ArrayList<>(command);
                args.addAll(List.of(bad));
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
                assertTrue(run.err().contains(bad[0]), run.err());
                assertEquals(1, run.err().strip().lines().count(), run.err());
            }
        }
    }

    @Test
    void migrateUpgradesOnceThenChangesNothingAndRefusesWhatItDoesNotUnderstand() throws IOException {
        Path old = dir.resolve("energy.csv");
        Files.writeString(old, "model_name,avg_latency_seconds,timestamp\nm,1.5000,2026-01-01T00:00:00Z\n");
        CliRun first = CliRun.of("ledger", "migrate", old.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("1 rows migrated; backup "), first.out());
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.filter(p -> p.getFileName().toString()
                    .matches("energy_backup_\\d{8}_\\d{6}\\.csv")).count());
        }
        String migrated = Files.readString(old);
        assertTrue(migrated.startsWith("model_name,model_class,task,"), migrated);
        CliRun second = CliRun.of("ledger", "migrate", old.toString());
        assertEquals(0, second.exitCode());
        assertTrue(second.out().contains("already current: 0 rows migrated"), second.out());
        assertEquals(migrated, Files.readString(old));

        Path alien = dir.resolve("alien.csv");
        Files.writeString(alien, "name,latency\nx,1\n");
        CliRun refused = CliRun.of("ledger", "migrate", alien.toString());
        assertEquals(ExitCodes.USAGE, refused.exitCode());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("'model_name'"), refused.err());
    }
}
