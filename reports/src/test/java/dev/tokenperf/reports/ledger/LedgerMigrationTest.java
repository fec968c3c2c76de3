package dev.tokenperf.reports.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerMigrationTest {
    private static final String OLD = """
            timestamp,model_name,gpu_model,total_prompts,avg_latency_seconds,error_message
            2026-01-02T03:04:05Z,llama,H100,10,1.2500,
            2026-01-03T03:04:05Z,qwen,A100,5,0.5000,"oom, retried"
            """;

    @TempDir
    Path dir;

    private final LedgerMigration migration = new LedgerMigration(
            Clock.fixed(Instant.parse("2026-12-01T02:03:04Z"), ZoneOffset.UTC));

    @Test
    void upgradesAnOldLedgerWithABackupAndASecondMigrateChangesNothing() throws IOException {
        Path file = dir.resolve("energy.csv");
        Files.writeString(file, OLD);
        LedgerMigration.Outcome outcome = migration.migrate(file);
        assertEquals(2, outcome.rowsMigrated());
        assertEquals(dir.resolve("energy_backup_20261201_020304.csv"), outcome.backup());
        assertEquals(OLD, Files.readString(outcome.backup()));
        assertEquals(List.of("gpu_model"), outcome.keptColumns());
        List<List<String>> rows = Csv.parse(Files.readString(file));
        List<String> header = rows.get(0);
        assertEquals(LedgerColumns.ALL, header.subList(0, LedgerColumns.ALL.size()));
        assertEquals("gpu_model", header.get(header.size() - 1));
        List<String> qwen = rows.get(2);
        assertEquals("qwen", qwen.get(header.indexOf("model_name")));
        assertEquals("0.5000", qwen.get(header.indexOf("avg_total_time")), "renamed from avg_latency_seconds");
        assertEquals("0.0000", qwen.get(header.indexOf("avg_time_to_first_token")), "added");
        assertEquals("", qwen.get(header.indexOf("gpu_energy_wh")), "unknown energy stays empty");
        assertEquals("oom, retried", qwen.get(header.indexOf("error_message")));
        assertEquals("A100", qwen.get(header.indexOf("gpu_model")));

        String migrated = Files.readString(file);
        LedgerMigration.Outcome again = migration.migrate(file);
        assertEquals(0, again.rowsMigrated());
        assertNull(again.backup());
        assertEquals(migrated, Files.readString(file), "idempotent");
    }

    @Test
    void aMigratedLedgerTakesNewRowsWithItsKeptColumnsEmpty() throws IOException {
        Path file = dir.resolve("energy.csv");
        Files.writeString(file, OLD);
        migration.migrate(file);
        LedgerFile.append(file, LedgerFileTest.entry("new", null, ""));
        List<List<String>> rows = Csv.parse(Files.readString(file));
        assertEquals(4, rows.size());
        List<String> added = rows.get(3);
        assertEquals(LedgerColumns.ALL.size() + 1, added.size());
        assertEquals("new", added.get(0));
        assertEquals("", added.get(added.size() - 1), "gpu_model is not tokenperf's to fill");
    }

    @Test
    void refusesAFileItDoesNotUnderstandAndChangesNothing() throws IOException {
        Path file = dir.resolve("other.csv");
        String text = "name,latency\nx,1\n";
        Files.writeString(file, text);
        LedgerException e = assertThrows(LedgerException.class, () -> migration.migrate(file));
        assertTrue(e.getMessage().contains("'model_name'"), e.getMessage());
        assertEquals(text, Files.readString(file));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no backup of a refused file");
        }
        Files.writeString(file, "model_name,timestamp,avg_latency_seconds,avg_total_time\n");
        assertTrue(assertThrows(LedgerException.class, () -> migration.migrate(file)).getMessage()
                .contains("'avg_total_time' appears twice"));
        Files.writeString(file, "model_name,timestamp\nm,t,extra\n");
        assertTrue(assertThrows(LedgerException.class, () -> migration.migrate(file)).getMessage()
                .contains("data row 1 has 3 fields"));
        assertFalse(Files.exists(dir.resolve("missing.csv")));
        assertThrows(LedgerException.class, () -> migration.migrate(dir.resolve("missing.csv")));
    }
}
