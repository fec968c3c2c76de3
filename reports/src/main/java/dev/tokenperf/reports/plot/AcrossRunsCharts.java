package dev.tokenperf.reports.plot;

import dev.tokenperf.reports.aggregate.AcrossRuns;
import dev.tokenperf.reports.load.SavedRuns;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The charts of repeated runs ({@code --num-profile-runs}): for TTFT and ITL p50/p99 and output token throughput,
 * each run's value against its run number, with the mean across runs and the bounds of its t-interval as lines.
 */
public final class AcrossRunsCharts {
    private static final String[][] STATISTICS = {{MetricRegistry.TIME_TO_FIRST_TOKEN.tag(), "p50"},
            {MetricRegistry.TIME_TO_FIRST_TOKEN.tag(), "p99"}, {MetricRegistry.INTER_TOKEN_LATENCY.tag(), "p50"},
            {MetricRegistry.INTER_TOKEN_LATENCY.tag(), "p99"}, {MetricRegistry.OUTPUT_TOKEN_THROUGHPUT.tag(), "avg"}};

    /** One color per side: its runs, mean and interval bounds share it. */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    private AcrossRunsCharts() {
    }

    /** One chart per statistic over every side that is repeated runs; none when no side is. */
    public static List<RenderedChart> render(List<SavedRuns> sides) throws IOException {
        List<RenderedChart> charts = new ArrayList<>();
        List<SavedRuns> repeated = sides.stream().filter(SavedRuns::repeated).toList();
        for (String[] s : STATISTICS) {
            MetricDefinition metric = MetricRegistry.byTag(s[0]).orElseThrow();
            String name = metric.header() + " " + s[1];
            XYChart chart = RunCharts.xy(name + " per run, with the mean and its interval", "run",
                    metric.unit().label());
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            boolean any = false;
            for (int sideIndex = 0; sideIndex < repeated.size(); sideIndex++) {
                SavedRuns side = repeated.get(sideIndex);
                Color color = COLORS[sideIndex % COLORS.length];
                Optional<AcrossRuns> across = side.across(s[0], s[1]);
                if (across.isEmpty()) {
                    continue;
                }
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int i = 0; i < side.runs().size(); i++) {
                    OptionalDouble v = side.runs().get(i).value(s[0], s[1]);
                    if (v.isPresent()) {
                        x.add(i + 1.0);
                        y.add(v.getAsDouble());
                    }
                }
                XYSeries runs = chart.addSeries(side.label() + " runs", x, y);
                runs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                runs.setMarkerColor(color);
                AcrossRuns a = across.get();
                double[] ends = {1, side.runs().size()};
                chart.addSeries(side.label() + " mean", ends, new double[] {a.mean(), a.mean()})
                        .setMarker(SeriesMarkers.NONE).setLineColor(color);
                String level = String.format(Locale.US, "%.0f%%", side.aggregate().level() * 100);
                chart.addSeries(side.label() + " " + level + " interval low", ends, new double[] {a.low(), a.low()})
                        .setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH).setLineColor(color);
                chart.addSeries(side.label() + " " + level + " interval high", ends,
                        new double[] {a.high(), a.high()}).setMarker(SeriesMarkers.NONE)
                        .setLineStyle(SeriesLines.DASH_DASH).setLineColor(color);
                any = true;
            }
            RunCharts.add(charts, "runs_" + s[0] + "_" + s[1] + ".png", name + " of each run, mean and interval",
                    any ? chart : null);
        }
        return charts;
    }
}
