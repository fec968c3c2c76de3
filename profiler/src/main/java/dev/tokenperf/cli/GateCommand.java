package dev.tokenperf.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tokenperf gate RESULT_DIR --gate CHECK...}: passes or fails a saved result for CI. */
@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a saved result against thresholds; exit 0 when every check passes, 3 when any fails.",
                "Writes RESULT_DIR/gate-junit.xml (or --junit FILE) and RESULT_DIR/gate-summary.md."})
public final class GateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULT_DIR", description = "A result directory written by profile, or the "
            + "base directory of repeated runs (--num-profile-runs): each statistic's worse bound of its across-run "
            + "interval is judged.")
    Path resultDir;

    @Mixin
    GateOptions gates;

    @Mixin
    GoodputOptions goodput;

    @Override
    public Integer call() throws Exception {
        if (!gates.any()) {
            throw new UsageException("gate needs at least one --gate CHECK or --gate-file FILE");
        }
        var checks = gates.checks();
        return Gatekeeper.gate(resultDir, checks, gates.baseline, goodput.slos(gates.fileGoodput()), gates.junit,
                spec.commandLine().getOut());
    }
}
