package dev.tokenperf.cli;

import dev.tokenperf.reports.aggregate.RunAggregate;
import dev.tokenperf.reports.gate.GateCheck;
import dev.tokenperf.reports.gate.GateEvaluator;
import dev.tokenperf.reports.gate.GateOutcome;
import dev.tokenperf.reports.gate.GateReports;
import dev.tokenperf.reports.gate.ResultValues;
import dev.tokenperf.reports.load.SavedSummary;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.metrics.MetricAliases;
import dev.tokenperf.reports.metrics.MetricSource;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Runs a gate over a saved result: evaluates each check, prints it with its actual value and verdict, writes
 * the JUnit XML and Markdown reports, and maps the outcome to an exit code (0 all pass, 3 any fails).
 * On the base directory of repeated runs it judges their saved aggregate: each statistic's worse bound of its
 * across-run t-interval ({@link RunAggregate#worseBound}); a repeated-runs baseline gives its means.
 * It reads only what its checks need: {@code profile_export_aiperf.json}, and the records only to judge goodput against SLOs
 * given to the gate itself.
 */
final class Gatekeeper {

    private Gatekeeper() {
    }

    static int gate(Path resultDir, List<GateCheck> checks, Path baselineDir, GoodputSlos slos, Path junit,
                    PrintWriter out) throws IOException {
        boolean repeated = ResultFiles.isRepeatedRuns(resultDir);
        String label = SavedSummary.label(resultDir);
        List<GateOutcome> outcomes = GateEvaluator.evaluate(checks,
                repeated ? aggregate(resultDir, checks, slos)::worseBound
                        : values(ResultDirs.readSummary(resultDir), checks, slos),
                baselineDir == null ? null : ResultFiles.isRepeatedRuns(baselineDir)
                        ? aggregate(baselineDir, checks, slos)::mean
                        : values(ResultDirs.readSummary(baselineDir), checks, slos));
        out.println("gate: " + resultDir + (repeated ? " (repeated runs: each statistic's worse bound of its "
                + "across-run interval)" : "") + (baselineDir == null ? "" : " (baseline " + baselineDir + ")"));
        for (GateOutcome o : outcomes) {
            out.println(o.line());
        }
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        Path junitFile = junit != null ? junit : resultDir.resolve(GateReports.JUNIT_FILE_NAME);
        GateReports.writeJUnit(outcomes, label, Instant.now(), junitFile);
        Path markdown = resultDir.resolve(GateReports.MARKDOWN_FILE_NAME);
        GateReports.writeMarkdown(outcomes, label, markdown);
        out.println(failed == 0 ? "gate passed: " + outcomes.size() + " of " + outcomes.size() + " checks"
                : "gate FAILED: " + failed + " of " + outcomes.size() + " checks failed");
        out.println("reports: " + junitFile + ", " + markdown);
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.GATE_FAILED;
    }

    /** Repeated runs' aggregate; goodput SLOs given to the gate cannot be judged again over it. */
    private static RunAggregate aggregate(Path dir, List<GateCheck> checks, GoodputSlos slos) {
        if (slos != null && checks.stream().anyMatch(c -> c.metric().source() == MetricSource.SLOS)) {
            throw new UsageException("--goodput: a gate on repeated runs (" + dir + ") judges their saved aggregate;"
                    + " gate one run's directory to judge goodput with other SLOs");
        }
        return ResultDirs.readAggregate(dir);
    }

    /**
     * The values the checks read: {@code profile_export_aiperf.json}'s, except that SLOs given to the gate replace the run's
     * own, so the metrics computed from SLOs are judged again over the records (read only in that case).
     */
    private static ResultValues values(SavedSummary saved, List<GateCheck> checks, GoodputSlos slos) {
        if (slos == null || checks.stream().noneMatch(c -> c.metric().source() == MetricSource.SLOS)) {
            return saved::value;
        }
        RunSummary withSlos = RunSummarizer.summarize(ResultDirs.read(saved.dir()).result(), slos, null);
        return (tag, stat) -> MetricAliases.resolve(tag).filter(m -> m.source() == MetricSource.SLOS).isPresent()
                ? withSlos.value(tag, stat) : saved.value(tag, stat);
    }
}
