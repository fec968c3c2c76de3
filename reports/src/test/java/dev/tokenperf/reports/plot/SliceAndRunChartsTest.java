package dev.tokenperf.reports.plot;

import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SavedRuns;
import dev.tokenperf.reports.load.SavedSlice;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-slice charts (an empty slice kept and counted) and the charts of repeated runs. */
class SliceAndRunChartsTest {

    @Test
    void slicesAreReadBackAndDrawnWithTheEmptySliceCounted(@TempDir Path dir) throws Exception {
        ResultWriter.write(RunSummarizer.summarize(SyntheticRuns.stalled(true), null, null, 2_000_000_000L), dir);
        List<SavedSlice> slices = ResultReader.readSlices(dir);

        assertEquals(5, slices.size());
        assertTrue(slices.get(1).empty(), "the empty slice is read back, not dropped");
        assertEquals(2.0, slices.get(1).startSeconds());
        assertTrue(slices.get(1).value("time_to_first_token", "p99").isEmpty());
        assertEquals(500, slices.get(2).value("time_to_first_token", "p99").orElseThrow(), 1, "the stall's slice");

        Map<String, List<SavedSlice>> byResult = new LinkedHashMap<>();
        byResult.put("stalled", slices);
        List<RenderedChart> charts = SliceCharts.render(byResult);
        assertEquals(List.of("slices_latency.png", "slices_throughput.png"),
                charts.stream().map(RenderedChart::fileName).toList());
        for (RenderedChart chart : charts) {
            assertTrue(chart.title().endsWith("(1 empty)"), chart.title());
            assertNotNull(ImageIO.read(new ByteArrayInputStream(chart.png())), chart.fileName());
        }
        assertTrue(SliceCharts.render(Map.of("no slices", List.of())).isEmpty());
        assertTrue(ResultReader.readSlices(dir.resolve("missing")).isEmpty());
    }

    @Test
    void repeatedRunsDrawEachRunWithTheMeanAndInterval(@TempDir Path tmp) throws Exception {
        SyntheticRuns.writeRepeated(tmp.resolve("runs"), List.of(SyntheticRuns.planned(20, 1),
                SyntheticRuns.planned(20, 2), SyntheticRuns.planned(20, 3)));
        ResultWriter.write(RunSummarizer.summarize(SyntheticRuns.planned(20, 4)), tmp.resolve("single"));

        List<RenderedChart> charts = AcrossRunsCharts.render(List.of(ResultReader.readRuns(tmp.resolve("runs")),
                ResultReader.readRuns(tmp.resolve("single"))));
        assertEquals(List.of("runs_time_to_first_token_p50.png", "runs_time_to_first_token_p99.png",
                "runs_inter_token_latency_p50.png", "runs_inter_token_latency_p99.png",
                "runs_output_token_throughput_avg.png"), charts.stream().map(RenderedChart::fileName).toList());
        for (RenderedChart chart : charts) {
            assertNotNull(ImageIO.read(new ByteArrayInputStream(chart.png())), chart.fileName());
        }
        SavedRuns single = ResultReader.readRuns(tmp.resolve("single"));
        assertTrue(AcrossRunsCharts.render(List.of(single)).isEmpty(), "a single run has no interval to draw");
    }
}
