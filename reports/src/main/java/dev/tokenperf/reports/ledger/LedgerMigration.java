package dev.tokenperf.reports.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upgrades a ledger written with an older column set to the current one ({@link LedgerColumns#ALL}): renamed
 * columns take their new names ({@code avg_latency_seconds} becomes {@code avg_total_time}), a missing
 * {@code avg_time_to_first_token} is added as {@code 0.0000} and any other missing current column as empty,
 * columns are put in the current order, and columns it does not know are kept after them, in their order.
 *
 * <p>The header is validated before anything changes; then the file is copied to
 * {@code NAME_backup_YYYYMMDD_HHMMSS.csv} beside it and rewritten through a temporary file. A ledger that is
 * already current is left alone (no backup), so migrating twice changes nothing.
 */
public final class LedgerMigration {
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String MISSING_TTFT = "0.0000";

    private final Clock clock;

    /** @param clock names the backup */
    public LedgerMigration(Clock clock) {
        this.clock = clock;
    }

    /**
     * What a migration did.
     *
     * @param rowsMigrated data rows rewritten (0 when the file was already current)
     * @param backup       the backup written, or null when nothing changed
     * @param keptColumns  unknown columns kept at the end
     */
    public record Outcome(int rowsMigrated, Path backup, List<String> keptColumns) {
    }

    /**
     * @throws LedgerException naming the file and the column (or line) it does not understand; nothing changed
     * @throws IOException     when the file cannot be read or written
     */
    public Outcome migrate(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new LedgerException(file + ": no such file");
        }
        List<List<String>> records;
        try {
            records = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(file + ": not a CSV file (" + e.getMessage() + ")");
        }
        if (records.isEmpty()) {
            throw new LedgerException(file + ": empty, no header to migrate");
        }
        List<String> header = records.get(0);
        Map<String, Integer> source = sourceColumns(file, header);
        List<String> kept = header.stream().filter(c -> !LedgerColumns.ALL.contains(current(c))).toList();
        List<String> target = new ArrayList<>(LedgerColumns.ALL);
        target.addAll(kept);
        if (header.equals(target)) {
            return new Outcome(0, null, kept);
        }
        List<String> lines = new ArrayList<>();
        lines.add(Csv.line(target));
        for (int r = 1; r < records.size(); r++) {
            List<String> row = records.get(r);
            if (row.size() != header.size()) {
                throw new LedgerException(file + ": data row " + r + " has " + row.size() + " fields, the header "
                        + header.size());
            }
            List<String> out = new ArrayList<>(target.size());
            for (String column : target) {
                Integer at = source.get(column);
                out.add(at != null ? row.get(at) : column.equals("avg_time_to_first_token") ? MISSING_TTFT : "");
            }
            lines.add(Csv.line(out));
        }
        Path backup = backupPath(file);
        Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
        Path temporary = file.resolveSibling(file.getFileName() + ".migrating");
        Files.writeString(temporary, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Outcome(records.size() - 1, backup, kept);
    }

    /** Each column's position under its current name; refuses duplicates and files without the identity columns. */
    private static Map<String, Integer> sourceColumns(Path file, List<String> header) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String raw = header.get(i).strip();
            if (raw.isEmpty()) {
                throw new LedgerException(file + ": column " + (i + 1) + " has no name");
            }
            String name = current(raw);
            if (!seen.add(name)) {
                throw new LedgerException(file + ": column '" + raw + "' appears twice"
                        + (name.equals(raw) ? "" : " (as '" + name + "')"));
            }
            positions.put(name, i);
        }
        for (String required : LedgerColumns.IDENTITY) {
            if (!positions.containsKey(required)) {
                throw new LedgerException(file + ": not a ledger this version understands: no '" + required
                        + "' column");
            }
        }
        return positions;
    }

    private static String current(String column) {
        return LedgerColumns.RENAMED.getOrDefault(column, column);
    }

    private Path backupPath(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + "_backup_" + BACKUP_STAMP.format(clock.instant()) + ".csv");
    }
}
