package dev.tokenperf.reports.plot;

import dev.tokenperf.reports.load.SavedSlice;
import dev.tokenperf.reports.metrics.MetricRegistry;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The charts of results run with {@code --slice-duration}: TTFT and ITL p50/p99 per slice, and output token
 * throughput per slice, against the slice's start. An empty slice (no request started in it) stays on the time
 * axis: a gap in the latency lines (it has no latency) and a throughput of 0, and the titles count the empty slices.
 */
public final class SliceCharts {
    private static final String[][] LATENCY = {{MetricRegistry.TIME_TO_FIRST_TOKEN.tag(), "p50", "TTFT p50"},
            {MetricRegistry.TIME_TO_FIRST_TOKEN.tag(), "p99", "TTFT p99"},
            {MetricRegistry.INTER_TOKEN_LATENCY.tag(), "p50", "ITL p50"},
            {MetricRegistry.INTER_TOKEN_LATENCY.tag(), "p99", "ITL p99"}};

    private SliceCharts() {
    }

    /**
     * @param slices each result's label to its slices; results without slices are left out, and no chart is
     *               drawn when none has any
     */
    public static List<RenderedChart> render(Map<String, List<SavedSlice>> slices) throws IOException {
        List<RenderedChart> charts = new ArrayList<>();
        if (slices.values().stream().allMatch(List::isEmpty)) {
            return charts;
        }
        long empty = slices.values().stream().flatMap(List::stream).filter(SavedSlice::empty).count();
        String emptyNote = empty == 0 ? "" : " (" + empty + " empty)";
        XYChart latency = RunCharts.xy("TTFT and ITL per time slice" + emptyNote, "slice start (s)", "ms");
        XYChart throughput = RunCharts.xy("Output token throughput per time slice" + emptyNote, "slice start (s)",
                "tokens/sec");
        for (XYChart chart : List.of(latency, throughput)) {
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        boolean several = slices.values().stream().filter(s -> !s.isEmpty()).count() > 1;
        boolean anyLatency = false;
        for (Map.Entry<String, List<SavedSlice>> result : slices.entrySet()) {
            List<SavedSlice> list = result.getValue();
            if (list.isEmpty()) {
                continue;
            }
            String prefix = several ? result.getKey() + " " : "";
            double[] x = list.stream().mapToDouble(SavedSlice::startSeconds).toArray();
            for (String[] series : LATENCY) {
                // NaN leaves a gap: an empty slice has no latency to draw
                double[] y = list.stream().mapToDouble(s -> orNaN(s.value(series[0], series[1]))).toArray();
                if (Arrays.stream(y).anyMatch(v -> !Double.isNaN(v))) {
                    latency.addSeries(prefix + series[2], x, y);
                    anyLatency = true;
                }
            }
            // an empty slice produced nothing: its throughput is 0, not missing
            throughput.addSeries(prefix + "output token throughput", x, list.stream().mapToDouble(s -> s.empty() ? 0
                    : orNaN(s.value(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT.tag(), "avg"))).toArray());
        }
        RunCharts.add(charts, "slices_latency.png", "TTFT and ITL p50/p99 per time slice" + emptyNote,
                anyLatency ? latency : null);
        RunCharts.add(charts, "slices_throughput.png", "Output token throughput per time slice" + emptyNote,
                throughput);
        return charts;
    }

    private static double orNaN(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : Double.NaN;
    }
}
