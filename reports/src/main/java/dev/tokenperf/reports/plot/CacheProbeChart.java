package dev.tokenperf.reports.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.util.List;

/**
 * The chart of a {@code cache-probe} sweep: cold and warm time to first token against context length, one
 * point per request, headless PNG.
 */
public final class CacheProbeChart {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private CacheProbeChart() {
    }

    /**
     * One measured request.
     *
     * @param contextTokens prompt tokens
     * @param ttftSeconds   time to first token
     * @param warm          whether the prompt was expected in the cache
     */
    public record Point(int contextTokens, double ttftSeconds, boolean warm) {
    }

    /** The PNG; a series with no point is left out. */
    public static byte[] render(List<Point> points) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Time to first token, cold and warm, against context length")
                .xAxisTitle("context tokens").yAxisTitle("TTFT (s)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(8);
        for (boolean warm : new boolean[] {false, true}) {
            List<Point> series = points.stream().filter(p -> p.warm() == warm).toList();
            if (!series.isEmpty()) {
                chart.addSeries(warm ? "warm" : "cold", series.stream().mapToDouble(Point::contextTokens).toArray(),
                        series.stream().mapToDouble(Point::ttftSeconds).toArray());
            }
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
