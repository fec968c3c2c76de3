package dev.tokenperf.cli;

import dev.tokenperf.profile.RunFailedException;
import dev.tokenperf.reports.ledger.LedgerEntries;
import dev.tokenperf.reports.ledger.LedgerEntry;
import dev.tokenperf.reports.ledger.LedgerException;
import dev.tokenperf.reports.ledger.LedgerFile;
import dev.tokenperf.reports.ledger.LedgerLabels;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a run's ledger row goes and the descriptive columns it carries; shared by the commands that write one. */
public final class LedgerOptions {
    @Option(names = "--ledger", paramLabel = "FILE.csv",
            description = "Append one row per run to this results ledger (CSV; see 'tokenperf ledger').")
    Path file;

    @Option(names = "--model-class", paramLabel = "TEXT", description = "Ledger column model_class (e.g. 7B).")
    String modelClass;

    @Option(names = "--task", paramLabel = "TEXT", description = "Ledger column task (e.g. summarization).")
    String task;

    @Option(names = "--reasoning-state", paramLabel = "TEXT", description = "Ledger column reasoning_state.")
    String reasoningState;

    /** The descriptive columns. */
    LedgerLabels labels() {
        return new LedgerLabels(modelClass, task, reasoningState);
    }

    /** True when a ledger row is asked for. */
    boolean enabled() {
        return file != null;
    }

    /** Refuses, before any load, a ledger path that is a directory. */
    void validate() {
        if (file != null && Files.isDirectory(file)) {
            throw new UsageException("--ledger " + file + " is a directory; give a .csv file");
        }
    }

    /** Appends the row of a result directory just written, when --ledger asks for one. */
    void appendSaved(Path resultDir) {
        if (enabled()) {
            append(LedgerEntries.ofSaved(ResultDirs.read(resultDir), labels()));
        }
    }

    /** Appends the row; a ledger with another column set is a usage error naming the fix. */
    void append(LedgerEntry entry) {
        try {
            LedgerFile.append(file, entry);
        } catch (LedgerException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new RunFailedException("--ledger " + file + ": cannot write: " + e.getMessage());
        }
    }
}
