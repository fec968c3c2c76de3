package dev.tokenperf.cli;

import dev.tokenperf.reports.gate.GateCheck;
import dev.tokenperf.reports.gate.GateEvaluator;
import dev.tokenperf.reports.gate.GateFile;
import dev.tokenperf.reports.gate.GateSyntaxException;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The checks a result must pass, shared by {@code gate} and {@code profile}. */
public final class GateOptions {
    @Option(names = "--gate", paramLabel = "CHECK",
            description = "A check METRIC.STAT OP VALUE[UNIT], repeatable: e.g. \"ttft.p99<500ms\", "
                    + "\"output_token_throughput>1200\", with --baseline \"itl.p90<+5%%\". STAT: avg min max p50 p90 "
                    + "p95 p99 p99.9 std (none for run-level metrics); OP: < <= > >=; UNIT: ms s %%.")
    List<String> gates = new ArrayList<>();

    @Option(names = "--gate-file", paramLabel = "FILE",
            description = "YAML or JSON file with 'gates:' (a list of checks) and optionally 'goodput:'.")
    Path gateFile;

    @Option(names = "--baseline", paramLabel = "DIR",
            description = "Result directory that relative checks (signed value or %%) compare against.")
    Path baseline;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "JUnit XML report of the checks. Default: RESULT_DIR/gate-junit.xml.")
    Path junit;

    private GateFile file;

    /** True when any check was given. */
    boolean any() {
        return !gates.isEmpty() || gateFile != null;
    }

    /** The SLO text of the gate file, or null. */
    String fileGoodput() {
        return loadFile() == null ? null : loadFile().goodput();
    }

    /** Parses every check (file first, then flags); a bad one is a one-line usage error. */
    List<GateCheck> checks() {
        List<String> texts = new ArrayList<>();
        if (loadFile() != null) {
            texts.addAll(loadFile().checks());
        }
        texts.addAll(gates);
        try {
            List<GateCheck> checks = new ArrayList<>();
            for (String text : texts) {
                checks.add(GateCheck.parse(text));
            }
            GateEvaluator.requireBaseline(checks, baseline != null);
            if (baseline != null && !Files.isDirectory(baseline)) {
                throw new UsageException("--baseline " + baseline + " is not a result directory");
            }
            return checks;
        } catch (GateSyntaxException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private GateFile loadFile() {
        if (gateFile != null && file == null) {
            try {
                file = GateFile.read(gateFile);
            } catch (GateSyntaxException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return file;
    }
}
