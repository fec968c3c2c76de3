package dev.tokenperf.reports.plot;

import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.RequestRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Draws a result's charts with XChart, headless: TTFT per request over time, TTFT and ITL CDFs, latency
 * against output length; with several results each chart overlays one series per result, and grouped bars
 * compare their TTFT/ITL percentiles and throughput. Reads saved results only; charts with no data are
 * left out (a non-streaming run has no TTFT).
 */
public final class RunCharts {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    /** Points drawn per CDF; more add nothing visible. */
    private static final int CDF_POINTS = 1000;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private RunCharts() {
    }

    public static List<RenderedChart> render(List<SavedResult> results) throws IOException {
        List<RenderedChart> charts = new ArrayList<>();
        add(charts, "ttft_over_time.png", "Time to first token of each request over the run",
                ttftOverTime(results));
        add(charts, "ttft_cdf.png", "Distribution (CDF) of time to first token",
                cdf(results, MetricRegistry.TIME_TO_FIRST_TOKEN, "TTFT CDF"));
        add(charts, "itl_cdf.png", "Distribution (CDF) of inter-token latency per request",
                cdf(results, MetricRegistry.INTER_TOKEN_LATENCY, "ITL CDF"));
        add(charts, "latency_vs_output_length.png", "Request latency against output length",
                latencyVsOutputLength(results));
        if (results.size() > 1) {
            add(charts, "latency_percentiles.png", "TTFT and ITL percentiles per run", percentileBars(results));
            add(charts, "throughput.png", "Output token throughput per run", throughputBars(results));
            for (String load : new String[] {"concurrency", "request_rate"}) {
                String label = load.replace('_', ' ');
                add(charts, "latency_vs_" + load + ".png", "TTFT and ITL against " + label + " (a sweep)",
                        versusLoad(results, load, false));
                add(charts, "throughput_vs_" + load + ".png", "Output token throughput against " + label
                        + " (a sweep)", versusLoad(results, load, true));
            }
        }
        return charts;
    }

    static void add(List<RenderedChart> charts, String file, String title,
                            Chart<?, ?> chart) throws IOException {
        if (chart != null) {
            charts.add(new RenderedChart(file, title,
                    BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
        }
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    private static XYChart ttftOverTime(List<SavedResult> results) {
        XYChart chart = xy("Time to first token per request", "request start (s since first request)", "TTFT (ms)");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        boolean any = false;
        for (SavedResult result : results) {
            List<RequestRecord> streamed = result.result().measuredRecords().stream()
                    .filter(r -> r.succeeded() && r.streaming() && r.chunkCount() > 0).toList();
            if (streamed.isEmpty()) {
                continue;
            }
            long origin = streamed.stream().mapToLong(RequestRecord::startNanos).min().orElse(0);
            double[] x = streamed.stream().mapToDouble(r -> (r.startNanos() - origin) / 1e9).toArray();
            double[] y = streamed.stream().mapToDouble(r -> MetricRegistry.ttftNanos(r) / 1e6).toArray();
            chart.addSeries(result.label(), x, y);
            any = true;
        }
        return any ? chart : null;
    }

    private static XYChart cdf(List<SavedResult> results, MetricDefinition metric, String title) {
        XYChart chart = xy(title, metric.header() + " (" + metric.unit().label() + ")", "fraction of values <= x");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisTickMarkSpacingHint(60);
        boolean any = false;
        for (SavedResult result : results) {
            double[] values = result.requestValues(metric);
            if (values.length == 0) {
                continue;
            }
            Arrays.sort(values);
            int points = Math.min(values.length, CDF_POINTS);
            double[] x = new double[points];
            double[] y = new double[points];
            for (int i = 0; i < points; i++) {
                long nth = Math.round((i + 1) * (double) values.length / points);
                int index = (int) Math.min(values.length - 1, nth - 1);
                x[i] = values[index];
                y[i] = (index + 1) / (double) values.length;
            }
            chart.addSeries(result.label(), x, y).setMarker(SeriesMarkers.NONE);
            any = true;
        }
        return any ? chart : null;
    }

    private static XYChart latencyVsOutputLength(List<SavedResult> results) {
        XYChart chart = xy("Request latency vs output length", "output tokens", "request latency (ms)");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        boolean any = false;
        for (SavedResult result : results) {
            List<RequestRecord> ok = result.result().measuredRecords().stream().filter(RequestRecord::succeeded)
                    .toList();
            if (ok.isEmpty()) {
                continue;
            }
            chart.addSeries(result.label(), ok.stream().mapToDouble(RequestRecord::outputTokens).toArray(),
                    ok.stream().mapToDouble(r -> r.latencyNanos() / 1e6).toArray());
            any = true;
        }
        return any ? chart : null;
    }

    /**
     * Curves over the runs' load ({@code concurrency} or {@code request_rate}), when the runs of that load mode
     * are a sweep (at least two distinct values).
     */
    private static XYChart versusLoad(List<SavedResult> results, String load, boolean throughput) {
        List<SavedResult> sweep = results.stream().filter(r -> load(r, load) > 0)
                .sorted(Comparator.comparingDouble(r -> load(r, load))).toList();
        if (sweep.stream().mapToDouble(r -> load(r, load)).distinct().count() < 2) {
            return null;
        }
        String label = load.replace('_', ' ');
        XYChart chart = xy(throughput ? "Output token throughput vs " + label : "TTFT and ITL vs " + label,
                load.equals("request_rate") ? "request rate (requests/s)" : label, throughput ? "tokens/sec" : "ms");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        String[][] series = throughput
                ? new String[][] {{"output_token_throughput", "avg", "output token throughput"}}
                : new String[][] {{"time_to_first_token", "p50", "TTFT p50"},
                        {"time_to_first_token", "p99", "TTFT p99"},
                        {"inter_token_latency", "p50", "ITL p50"}, {"inter_token_latency", "p99", "ITL p99"}};
        boolean any = false;
        for (String[] s : series) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (SavedResult r : sweep) {
                OptionalDouble v = r.value(s[0], s[1]);
                if (v.isPresent()) {
                    x.add(load(r, load));
                    y.add(v.getAsDouble());
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(s[2], x, y);
                any = true;
            }
        }
        return any ? chart : null;
    }

    /** The run's value of {@code load}, or 0 when the run was of another load mode. */
    private static double load(SavedResult result, String load) {
        var loadgen = result.summary().path("input_config").path("loadgen");
        String mode = loadgen.path("mode").asText("concurrency");
        return mode.equals(load) ? loadgen.path(load).asDouble(0) : 0;
    }

    private static CategoryChart percentileBars(List<SavedResult> results) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("TTFT and ITL percentiles").xAxisTitle("statistic").yAxisTitle("ms").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        boolean any = false;
        for (SavedResult result : results) {
            List<String> categories = new ArrayList<>();
            List<Number> values = new ArrayList<>();
            for (String[] metric : new String[][] {{"TTFT", "time_to_first_token"}, {"ITL", "inter_token_latency"}}) {
                for (String stat : new String[] {"p50", "p90", "p99"}) {
                    OptionalDouble v = result.value(metric[1], stat);
                    categories.add(metric[0] + " " + stat);
                    values.add(v.orElse(0));
                    any |= v.isPresent();
                }
            }
            chart.addSeries(result.label(), categories, values);
        }
        return any ? chart : null;
    }

    private static CategoryChart throughputBars(List<SavedResult> results) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Output token throughput").xAxisTitle("run").yAxisTitle("tokens/sec").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        List<String> labels = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        for (SavedResult result : results) {
            OptionalDouble v = result.value(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT.tag(), "avg");
            if (v.isPresent()) {
                labels.add(result.label());
                values.add(v.getAsDouble());
            }
        }
        if (labels.isEmpty()) {
            return null;
        }
        chart.addSeries("output_token_throughput", labels, values);
        return chart;
    }
}
