package dev.tokenperf.reports.plot;

import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunChartsTest {

    private static SavedResult saved(Path dir, int concurrency, long seed) throws Exception {
        return saved(dir, Map.of("concurrency", concurrency), seed);
    }

    private static SavedResult saved(Path dir, Map<String, Object> load, long seed) throws Exception {
        RunResult run = SyntheticRuns.run(20, seed);
        Map<String, Object> config = SyntheticRuns.configuration();
        @SuppressWarnings("unchecked")
        Map<String, Object> loadgen = (Map<String, Object>) config.get("loadgen");
        loadgen.putAll(load);
        ResultWriter.write(RunSummarizer.summarize(new RunResult(run.toolVersion(), config, run.startTime(),
                run.endTime(), run.benchmarkDurationNanos(), true, false, run.records().toList())), dir);
        return ResultReader.read(dir);
    }

    @Test
    void oneRunGetsTheFourPerRunCharts(@TempDir Path tmp) throws Exception {
        List<RenderedChart> charts = RunCharts.render(List.of(saved(tmp.resolve("a"), 2, 1)));
        assertEquals(List.of("ttft_over_time.png", "ttft_cdf.png", "itl_cdf.png", "latency_vs_output_length.png"),
                charts.stream().map(RenderedChart::fileName).toList());
        for (RenderedChart chart : charts) {
            assertNotNull(ImageIO.read(new ByteArrayInputStream(chart.png())), chart.fileName());
        }
    }

    @Test
    void aSweepAddsBarsAndCurvesOverConcurrency(@TempDir Path tmp) throws Exception {
        List<SavedResult> sweep = List.of(saved(tmp.resolve("c2"), 2, 1), saved(tmp.resolve("c4"), 4, 2));
        List<String> names = RunCharts.render(sweep).stream().map(RenderedChart::fileName).toList();
        assertTrue(names.containsAll(List.of("latency_percentiles.png", "throughput.png",
                "latency_vs_concurrency.png", "throughput_vs_concurrency.png")), names.toString());

        List<SavedResult> repeats = List.of(saved(tmp.resolve("r1"), 2, 1), saved(tmp.resolve("r2"), 2, 2));
        List<String> repeatNames = RunCharts.render(repeats).stream().map(RenderedChart::fileName).toList();
        assertTrue(repeatNames.contains("throughput.png"));
        assertTrue(!repeatNames.contains("latency_vs_concurrency.png"), "one concurrency is not a sweep");
    }

    @Test
    void aRateSweepAddsCurvesOverRequestRateOnly(@TempDir Path tmp) throws Exception {
        List<SavedResult> sweep = List.of(
                saved(tmp.resolve("r5"), Map.of("mode", "request_rate", "request_rate", 5.0, "concurrency", 2), 1),
                saved(tmp.resolve("r10"), Map.of("mode", "request_rate", "request_rate", 10.0, "concurrency", 2), 2));
        List<String> names = RunCharts.render(sweep).stream().map(RenderedChart::fileName).toList();
        assertTrue(names.containsAll(List.of("latency_vs_request_rate.png", "throughput_vs_request_rate.png")),
                names.toString());
        assertTrue(!names.contains("latency_vs_concurrency.png"), "a rate sweep is not a concurrency sweep");
    }

    @Test
    void htmlReportEscapesLabelsAndEmbedsEveryChart(@TempDir Path tmp) throws Exception {
        SavedResult result = saved(tmp.resolve("a<b>"), 2, 1);
        List<RenderedChart> charts = RunCharts.render(List.of(result));
        String html = HtmlReport.render(List.of(result), List.of(), charts);
        assertEquals(charts.size(), html.split("data:image/png;base64,", -1).length - 1);
        assertTrue(html.contains("a&lt;b&gt;"));
        assertTrue(!html.contains("a<b>"));
    }
}
