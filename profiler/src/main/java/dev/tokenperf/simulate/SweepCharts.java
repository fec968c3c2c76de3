package dev.tokenperf.simulate;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** PNG curves of a {@link Sweep}: TTFT p50/p90/p99 against the arrival rate, and utilisation per pool. */
public final class SweepCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private SweepCharts() {
    }

    /** Writes {@code NAME-ttft.png} and {@code NAME-utilisation.png} into {@code dir}; returns their paths. */
    public static List<Path> write(Path dir, String name, Sweep sweep) throws IOException {
        XYChart ttft = chart("TTFT against arrival rate (simulated)", "TTFT (ms)");
        ttft.getStyler().setYAxisLogarithmic(true);
        XYChart utilisation = chart("Utilisation against arrival rate (simulated)", "busy share of the pool's slots");
        utilisation.getStyler().setYAxisMin(0.0);
        utilisation.getStyler().setYAxisMax(1.0);
        sweep.curves().forEach((label, curve) -> {
            double[] rates = curve.stream().mapToDouble(r -> r.config().arrivals().ratePerSecond()).toArray();
            add(ttft, label + " p50", rates, curve, r -> r.ttft().p50Ms());
            add(ttft, label + " p90", rates, curve, r -> r.ttft().p90Ms());
            add(ttft, label + " p99", rates, curve, r -> r.ttft().p99Ms());
            for (int pool = 0; pool < curve.get(0).pools().size(); pool++) {
                int index = pool;
                add(utilisation, label + " " + curve.get(0).pools().get(pool).name(), rates, curve,
                        r -> r.pools().get(index).utilisation());
            }
        });
        List<Path> written = new ArrayList<>();
        for (XYChart chart : List.of(ttft, utilisation)) {
            Path file = dir.resolve(name + (chart == ttft ? "-ttft.png" : "-utilisation.png"));
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        }
        return written;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("arrival rate λ (requests/s)").yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    private static void add(XYChart chart, String label, double[] rates, List<SimulationResult> curve,
                            ToDoubleFunction<SimulationResult> value) {
        chart.addSeries(label, rates, curve.stream().mapToDouble(value).toArray());
    }
}
