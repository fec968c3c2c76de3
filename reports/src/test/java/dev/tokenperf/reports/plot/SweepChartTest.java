package dev.tokenperf.reports.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.export.PredictedTtft;
import dev.tokenperf.reports.export.SweepPoint;
import dev.tokenperf.reports.export.SweepReport;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The sweep's TTFT chart: the measured percentiles, and with {@code --predict-with} the predicted ones. */
class SweepChartTest {
    private static final String[] STATS = {"p50", "p90", "p99"};

    /** Three rates given out of order; the prediction's numbers differ per point and percentile. */
    private static List<SweepPoint> points(boolean predicted) {
        List<SweepPoint> points = new ArrayList<>();
        double[] rates = {4, 1, 2};
        for (int i = 0; i < rates.length; i++) {
            PredictedTtft prediction = predicted ? new PredictedTtft(10 + i, 20.5 + i, 40.25 + i * 3) : null;
            points.add(new SweepPoint("request_rate", rates[i], "request_rate_" + (int) rates[i],
                    RunSummarizer.summarize(SyntheticRuns.run(12, i + 1)), prediction));
        }
        return points;
    }

    @Test
    void thePredictedSeriesCarryExactlyTheSweepsPredictionColumns(@TempDir Path dir) throws Exception {
        List<SweepPoint> points = points(true);
        SweepReport.write(points, dir);
        JsonNode rows = new ObjectMapper().readTree(dir.resolve("sweep.json").toFile()).path("points");

        XYChart chart = SweepChart.chart(points);

        assertEquals(List.of("TTFT p50", "TTFT p90", "TTFT p99", "TTFT p50 predicted", "TTFT p90 predicted",
                "TTFT p99 predicted"), List.copyOf(chart.getSeriesMap().keySet()));
        for (String stat : STATS) {
            XYSeries measured = chart.getSeriesMap().get("TTFT " + stat);
            XYSeries predicted = chart.getSeriesMap().get("TTFT " + stat + " predicted");
            double[] rates = new double[rows.size()];
            double[] column = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                rates[i] = rows.get(i).path("value").asDouble();
                column[i] = rows.get(i).path("predicted_ttft_" + stat + "_ms").asDouble();
            }
            assertArrayEquals(new double[] {1, 2, 4}, rates); // sweep.json is in load order, as the chart
            assertArrayEquals(rates, predicted.getXData());
            assertArrayEquals(column, predicted.getYData());
            assertEquals(measured.getLineColor(), predicted.getLineColor(), stat);
            assertEquals(SeriesLines.SOLID, measured.getLineStyle());
            assertEquals(SeriesLines.DASH_DASH, predicted.getLineStyle());
        }
        double[] measuredP90 = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            measuredP90[i] = rows.get(i).path("ttft_p90_ms").asDouble();
        }
        assertArrayEquals(measuredP90, chart.getSeriesMap().get("TTFT p90").getYData());
    }

    @Test
    void withoutAPredictionOnlyTheMeasuredSeriesAreDrawn() throws Exception {
        List<SweepPoint> points = points(false);

        XYChart chart = SweepChart.chart(points);

        assertEquals(List.of("TTFT p50", "TTFT p90", "TTFT p99"), List.copyOf(chart.getSeriesMap().keySet()));
        RenderedChart png = SweepChart.render(points);
        assertNotNull(png);
        assertEquals(SweepChart.FILE_NAME, png.fileName());
        assertEquals("TTFT against request rate (the sweep)", png.title());
    }
}
