package dev.tokenperf.reports.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.resultdir.HistogramLogFile;
import dev.tokenperf.reports.resultdir.ResultFiles;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Time slices from scripted records: exact slice assignment, a stall in one slice only, empty slices kept. */
class TimeSlicesTest {
    private static final long MS = 1_000_000;
    private static final long S = 1_000 * MS;

    @Test
    void fiveSlicesOfTwoSecondsAndTheStallShowsInTheThirdOnly() {
        RunSummary summary = RunSummarizer.summarize(SyntheticRuns.stalled(false), null, null, 2 * S);

        assertEquals(5, summary.slices().size());
        for (TimeSlice slice : summary.slices()) {
            assertEquals(slice.index() * 2 * S, slice.startNanos());
            assertEquals(2 * S, slice.durationNanos());
            assertEquals(8, slice.requests(), "a request every 250 ms");
            double ttftP50 = slice.statistics().stream().filter(s -> s.metric().tag().equals("time_to_first_token"))
                    .findFirst().orElseThrow().percentile(50);
            assertEquals(slice.index() == 2 ? 500 : 10, ttftP50, 0.5, "slice " + slice.index());
            double throughput = slice.statistics().stream().filter(s -> s.metric().tag().equals("request_throughput"))
                    .findFirst().orElseThrow().avg();
            assertEquals(4.0, throughput, 1e-9, "8 requests in 2 s");
        }
        assertTrue(RunSummarizer.summarize(SyntheticRuns.stalled(false)).slices().isEmpty(), "no slices unless asked");
    }

    @Test
    void anEmptySliceIsReportedNotDropped(@TempDir Path dir) throws Exception {
        RunSummary summary = RunSummarizer.summarize(SyntheticRuns.stalled(true), null, null, 2 * S);

        assertEquals(5, summary.slices().size());
        TimeSlice gap = summary.slices().get(1);
        assertTrue(gap.empty());
        assertTrue(gap.statistics().isEmpty());
        assertFalse(summary.slices().get(2).empty());

        ResultWriter.write(summary, dir);
        List<String> csv = Files.readAllLines(dir.resolve(ResultFiles.TIMESLICES_CSV));
        assertEquals("Timeslice,Metric,Unit,Stat,Value", csv.get(0));
        assertTrue(csv.contains("1,Request Count,requests,avg,0.00"), csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.matches("2,Time to First Token,ms,p50,50[01]\\.\\d\\d")),
                csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.matches("3,Time to First Token,ms,p50,10\\.\\d\\d")),
                csv.toString());
        JsonNode json = new ObjectMapper().readTree(dir.resolve(ResultFiles.TIMESLICES_JSON).toFile());
        assertEquals(5, json.path("timeslices").size());
        JsonNode empty = json.path("timeslices").get(1);
        assertEquals(1, empty.path("timeslice_index").asInt());
        assertTrue(empty.path("empty").asBoolean());
        assertTrue(empty.path("time_to_first_token").isMissingNode());
        assertEquals("ms", json.path("timeslices").get(2).path("time_to_first_token").path("unit").asText());
        assertTrue(json.path("input_config").isObject());
    }

    @Test
    void theHistogramLogHasOneIntervalPerSliceAndAddsUpToTheRun(@TempDir Path dir) throws Exception {
        RunSummary summary = RunSummarizer.summarize(SyntheticRuns.stalled(true), null, null, 2 * S);
        ResultWriter.write(summary, dir);

        HistogramLogReader reader = new HistogramLogReader(dir.resolve(ResultFiles.HISTOGRAMS_HLOG).toFile());
        List<Long> ttftIntervalStarts = new ArrayList<>();
        List<Long> ttftIntervalCounts = new ArrayList<>();
        org.HdrHistogram.EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            if ("time_to_first_token".equals(h.getTag())) {
                ttftIntervalStarts.add(h.getStartTimeStamp() - summary.result().startTime().toEpochMilli());
                ttftIntervalCounts.add(((org.HdrHistogram.Histogram) h).getTotalCount());
            }
        }
        reader.close();
        assertEquals(List.of(0L, 2000L, 4000L, 6000L, 8000L), ttftIntervalStarts, "one interval per slice");
        assertEquals(0L, ttftIntervalCounts.get(1), "the empty slice's histogram is empty");
        assertEquals(8L, ttftIntervalCounts.get(0));
        assertEquals(summary.histograms(), HistogramLogFile.read(dir.resolve(ResultFiles.HISTOGRAMS_HLOG)));
    }
}
