package dev.tokenperf.cli;

import dev.tokenperf.reports.compare.Comparison;
import dev.tokenperf.reports.compare.RunComparator;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.plot.HtmlReport;
import dev.tokenperf.reports.plot.RenderedChart;
import dev.tokenperf.reports.plot.RunCharts;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the PNG charts and {@code report.html} of saved results into a directory. */
final class Plotter {
    /** Significance settings of the comparisons embedded in a multi-run report (as compare's defaults). */
    private static final double ALPHA = 0.05;
    private static final double MIN_EFFECT = 0.02;

    private Plotter() {
    }

    static void plot(List<SavedResult> results, Path outputDir, PrintWriter out) throws IOException {
        List<RenderedChart> charts = RunCharts.render(results);
        Files.createDirectories(outputDir);
        for (RenderedChart chart : charts) {
            Files.write(outputDir.resolve(chart.fileName()), chart.png());
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (SavedResult candidate : results.subList(1, results.size())) {
            comparisons.add(RunComparator.compare(results.get(0), candidate, ALPHA, MIN_EFFECT));
        }
        Path report = outputDir.resolve(HtmlReport.FILE_NAME);
        Files.writeString(report, HtmlReport.render(results, comparisons, charts), StandardCharsets.UTF_8);
        out.println("plots: " + charts.size() + " charts and " + report.toAbsolutePath().normalize());
        out.flush();
    }
}
