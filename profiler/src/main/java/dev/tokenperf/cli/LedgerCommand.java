package dev.tokenperf.cli;

import dev.tokenperf.reports.ledger.LedgerEntries;
import dev.tokenperf.reports.ledger.LedgerException;
import dev.tokenperf.reports.ledger.LedgerMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tokenperf ledger}: keeps a results ledger CSV: migrate an old one, add rows from saved results. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "The results ledger: one CSV row per run, the 20 columns of energy-benchmark ledgers "
                + "then tokenperf's.",
        subcommands = {LedgerCommand.Migrate.class, LedgerCommand.Add.class})
public final class LedgerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** {@code tokenperf ledger migrate FILE.csv}. */
    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Upgrade a ledger written with an older column set: avg_latency_seconds becomes "
                    + "avg_total_time, a missing avg_time_to_first_token is added as 0.0000, columns take the "
                    + "current order and unknown ones are kept at the end.",
                    "The header is validated first, then NAME_backup_YYYYMMDD_HHMMSS.csv is written beside it. "
                            + "A current ledger is left alone."})
    static final class Migrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE.csv", description = "The ledger to upgrade in place.")
        Path file;

        @Override
        public Integer call() throws IOException {
            LedgerMigration.Outcome outcome;
            try {
                outcome = new LedgerMigration(Clock.systemUTC()).migrate(file);
            } catch (LedgerException e) {
                throw new UsageException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (outcome.backup() == null) {
                out.println(file + " is already current: 0 rows migrated, nothing changed");
            } else {
                out.println(file + ": " + outcome.rowsMigrated() + " rows migrated; backup " + outcome.backup()
                        + (outcome.keptColumns().isEmpty() ? "" : "; kept columns " + outcome.keptColumns()));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code tokenperf ledger add RESULT_DIR... --ledger FILE.csv}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Append one ledger row per saved result directory (energy columns stay empty).")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RESULT_DIR", description = "Saved result directories.")
        List<Path> dirs;

        @Mixin
        LedgerOptions ledger;

        @Override
        public Integer call() {
            if (!ledger.enabled()) {
                throw new UsageException("--ledger FILE.csv is required");
            }
            ledger.validate();
            var results = ResultDirs.readAll(dirs);
            results.forEach(saved -> ledger.append(LedgerEntries.ofSaved(saved, ledger.labels())));
            spec.commandLine().getOut().println(results.size() + " row(s) appended to " + ledger.file);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
