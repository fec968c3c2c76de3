package dev.tokenperf.cli;

import dev.tokenperf.reports.gate.GateCheck;
import dev.tokenperf.reports.gate.GateEvaluator;
import dev.tokenperf.reports.gate.GateOutcome;
import dev.tokenperf.reports.gate.GateReports;
import dev.tokenperf.reports.gate.ResultValues;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.metrics.Goodput;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.metrics.RunSummarizer;
import dev.tokenperf.reports.metrics.RunSummary;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Runs a gate over a saved result: evaluates each check, prints it with its actual value and verdict, writes
 * the JUnit XML and Markdown reports, and maps the outcome to an exit code (0 all pass, 3 any fails).
 */
final class Gatekeeper {

    private Gatekeeper() {
    }

    static int gate(Path resultDir, List<GateCheck> checks, Path baselineDir, GoodputSlos slos, Path junit,
                    PrintWriter out) throws IOException {
        SavedResult result = ResultDirs.read(resultDir);
        SavedResult baseline = baselineDir == null ? null : ResultDirs.read(baselineDir);
        List<GateOutcome> outcomes = GateEvaluator.evaluate(checks, values(result, slos),
                baseline == null ? null : values(baseline, slos));
        out.println("gate: " + resultDir + (baselineDir == null ? "" : " (baseline " + baselineDir + ")"));
        for (GateOutcome o : outcomes) {
            out.println(o.line());
        }
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        Path junitFile = junit != null ? junit : resultDir.resolve(GateReports.JUNIT_FILE_NAME);
        GateReports.writeJUnit(outcomes, result.label(), Instant.now(), junitFile);
        Path markdown = resultDir.resolve(GateReports.MARKDOWN_FILE_NAME);
        GateReports.writeMarkdown(outcomes, result.label(), markdown);
        out.println(failed == 0 ? "gate passed: " + outcomes.size() + " of " + outcomes.size() + " checks"
                : "gate FAILED: " + failed + " of " + outcomes.size() + " checks failed");
        out.println("reports: " + junitFile + ", " + markdown);
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.GATE_FAILED;
    }

    /** The result's summary.json values, with goodput recomputed from its records when SLOs are given. */
    private static ResultValues values(SavedResult saved, GoodputSlos slos) {
        if (slos == null) {
            return saved::value;
        }
        RunSummary withGoodput = Goodput.addTo(RunSummarizer.summarize(saved.result()), slos);
        return (tag, stat) -> {
            if (tag.equals(Goodput.GOODPUT.tag()) || tag.equals(Goodput.GOOD_REQUEST_COUNT.tag())) {
                return withGoodput.get(tag).map(MetricStatistics::avg).map(OptionalDouble::of)
                        .orElse(OptionalDouble.empty());
            }
            return saved.value(tag, stat);
        };
    }
}
