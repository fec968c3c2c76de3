package dev.tokenperf.reports.plot;

import dev.tokenperf.reports.export.PredictedTtft;
import dev.tokenperf.reports.export.SweepPoint;
import dev.tokenperf.reports.export.SweepReport;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A {@code profile} sweep's TTFT p50/p90/p99 against its load, from the points the sweep table shows; with
 * {@code --predict-with}, the model's predicted percentiles beside them as dashed lines of the same colours.
 */
public final class SweepChart {
    /** The chart's file name in the sweep's {@code plots} directory. */
    public static final String FILE_NAME = "sweep_ttft.png";
    /** The suffix of a predicted series' name, after the measured series' name. */
    static final String PREDICTED = " predicted";
    private static final String[] NAMES = {"TTFT p50", "TTFT p90", "TTFT p99"};
    /** One colour per percentile (Okabe-Ito blue, orange, vermillion), shared by measured and predicted. */
    private static final Color[] COLOURS = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(213, 94, 0)};
    private static final List<ToDoubleFunction<SweepPoint>> MEASURED = List.of(SweepPoint::ttftP50,
            SweepPoint::ttftP90, SweepPoint::ttftP99);
    private static final List<ToDoubleFunction<PredictedTtft>> PREDICTIONS = List.of(PredictedTtft::p50Ms,
            PredictedTtft::p90Ms, PredictedTtft::p99Ms);

    private SweepChart() {
    }

    /** The chart as a PNG, or null when it has no series (a non-streaming sweep without a prediction). */
    public static RenderedChart render(List<SweepPoint> points) throws IOException {
        List<RenderedChart> charts = new ArrayList<>();
        RunCharts.add(charts, FILE_NAME, "TTFT against " + parameter(points).replace('_', ' ') + " (the sweep)"
                + (SweepReport.predicted(points) ? ", measured and predicted" : ""), chart(points));
        return charts.isEmpty() ? null : charts.get(0);
    }

    /**
     * The chart's series: {@code TTFT p50}, {@code p90}, {@code p99} over the points in load order, then, when
     * a point has a prediction, {@code TTFT p50 predicted} and so on; null when it has no series.
     */
    static XYChart chart(List<SweepPoint> points) {
        List<SweepPoint> sorted = points.stream().sorted(Comparator.comparingDouble(SweepPoint::value)).toList();
        String load = parameter(points).replace('_', ' ');
        boolean predicted = SweepReport.predicted(points);
        XYChart chart = RunCharts.xy("TTFT vs " + load + (predicted ? ": measured and predicted" : ""),
                load.equals("request rate") ? "request rate (requests/s)" : load, "TTFT (ms)");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        boolean any = false;
        for (int i = 0; i < NAMES.length; i++) {
            any |= add(chart, NAMES[i], COLOURS[i], SeriesLines.SOLID, sorted, MEASURED.get(i));
        }
        for (int i = 0; predicted && i < NAMES.length; i++) {
            ToDoubleFunction<PredictedTtft> value = PREDICTIONS.get(i);
            any |= add(chart, NAMES[i] + PREDICTED, COLOURS[i], SeriesLines.DASH_DASH,
                    sorted.stream().filter(p -> p.predicted() != null).toList(), p -> value.applyAsDouble(p.predicted()));
        }
        return any ? chart : null;
    }

    /** Adds the points' finite values as one series; false when there is none. */
    private static boolean add(XYChart chart, String name, Color colour, BasicStroke line, List<SweepPoint> points,
                               ToDoubleFunction<SweepPoint> value) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (SweepPoint p : points) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v)) {
                x.add(p.value());
                y.add(v);
            }
        }
        if (x.isEmpty()) {
            return false;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineStyle(line);
        series.setMarker(line == SeriesLines.SOLID ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return true;
    }

    private static String parameter(List<SweepPoint> points) {
        return points.isEmpty() ? "load" : points.get(0).parameter();
    }
}
