package dev.tokenperf.cli;

import dev.tokenperf.reports.compare.Comparison;
import dev.tokenperf.reports.compare.RunComparator;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.load.SavedRuns;
import dev.tokenperf.reports.load.SavedSlice;
import dev.tokenperf.reports.plot.AcrossRunsCharts;
import dev.tokenperf.reports.plot.HtmlReport;
import dev.tokenperf.reports.plot.RenderedChart;
import dev.tokenperf.reports.plot.RunCharts;
import dev.tokenperf.reports.plot.SliceCharts;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the PNG charts and {@code report.html} of saved results into a directory: the charts of every run, the
 * per-slice charts of runs with time slices, and for repeated runs each run against the mean and its interval.
 */
final class Plotter {
    /** Significance settings of the comparisons embedded in a multi-run report (as compare's defaults). */
    private static final double ALPHA = 0.05;
    private static final double MIN_EFFECT = 0.02;

    private Plotter() {
    }

    /** @param sides single results or repeated runs; the first is the base the others are compared with */
    static void plot(List<SavedRuns> sides, Path outputDir, PrintWriter out) throws IOException {
        plot(sides, List.of(), outputDir, out);
    }

    /**
     * @param sides single results or repeated runs; the first is the base the others are compared with
     * @param first charts drawn by the caller (a sweep's), put before the others
     */
    static void plot(List<SavedRuns> sides, List<RenderedChart> first, Path outputDir, PrintWriter out)
            throws IOException {
        List<SavedResult> results = sides.stream().flatMap(side -> side.runs().stream()).toList();
        List<RenderedChart> charts = new ArrayList<>(first);
        charts.addAll(RunCharts.render(results));
        Map<String, List<SavedSlice>> slices = new LinkedHashMap<>();
        for (SavedResult result : results) {
            slices.put(result.label(), ResultDirs.readSlices(result.dir()));
        }
        charts.addAll(SliceCharts.render(slices));
        charts.addAll(AcrossRunsCharts.render(sides));
        Files.createDirectories(outputDir);
        for (RenderedChart chart : charts) {
            Files.write(outputDir.resolve(chart.fileName()), chart.png());
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (SavedRuns candidate : sides.subList(1, sides.size())) {
            comparisons.add(RunComparator.compare(sides.get(0), candidate, ALPHA, MIN_EFFECT));
        }
        Path report = outputDir.resolve(HtmlReport.FILE_NAME);
        Files.writeString(report, HtmlReport.render(results, comparisons, charts), StandardCharsets.UTF_8);
        out.println("plots: " + charts.size() + " charts and " + report.toAbsolutePath().normalize());
        out.flush();
    }
}
