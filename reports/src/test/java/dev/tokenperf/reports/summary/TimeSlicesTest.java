package dev.tokenperf.reports.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.resultdir.HistogramLogFile;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Time slices from scripted records: exact slice assignment, a stall in one slice only, empty slices kept. */
class TimeSlicesTest {
    private static final long MS = 1_000_000;
    private static final long S = 1_000 * MS;

    /** A streaming request started at {@code startMs}: first token after {@code ttftMs}, then 4 tokens 5 ms apart. */
    private static RequestRecord request(int index, long startMs, long ttftMs) {
        long start = startMs * MS;
        long[] chunks = new long[5];
        long[] reads = new long[5];
        for (int c = 0; c < 5; c++) {
            chunks[c] = start + ttftMs * MS + c * 5 * MS;
            reads[c] = c + 1;
        }
        return new RequestRecord(index, "r-" + index, false, true, start, start, chunks[4] + MS, chunks, reads, 100, 5,
                100, 5, "", null);
    }

    /**
     * A 10 s phase with a request every 250 ms; the server stalls from 4 s to 6 s (slice 3 of five 2 s slices),
     * so requests started then wait 500 ms for their first token instead of 10 ms.
     */
    private static RunResult stalledRun(boolean gapInSlice2) {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long startMs = i * 250L;
            if (gapInSlice2 && startMs >= 2000 && startMs < 4000) {
                continue;
            }
            boolean stalled = startMs >= 4000 && startMs < 6000;
            records.add(request(i, startMs, stalled ? 500 : 10));
        }
        // the last responses end in the grace period after 10 s: no request starts there, so no sixth slice
        return new RunResult("test", SyntheticRuns.configuration(), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:10Z"), 10 * S + 300 * MS, true, false, records);
    }

    @Test
    void fiveSlicesOfTwoSecondsAndTheStallShowsInTheThirdOnly() {
        RunSummary summary = RunSummarizer.summarize(stalledRun(false), null, null, 2 * S);

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
        assertTrue(RunSummarizer.summarize(stalledRun(false)).slices().isEmpty(), "no slices unless asked");
    }

    @Test
    void anEmptySliceIsReportedNotDropped(@TempDir Path dir) throws Exception {
        RunSummary summary = RunSummarizer.summarize(stalledRun(true), null, null, 2 * S);

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
        RunSummary summary = RunSummarizer.summarize(stalledRun(true), null, null, 2 * S);
        ResultWriter.write(summary, dir);

        HistogramLogReader reader = new HistogramLogReader(dir.resolve(ResultFiles.HISTOGRAMS_HLOG).toFile());
        List<Long> ttftIntervalStarts = new ArrayList<>();
        org.HdrHistogram.EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            if ("time_to_first_token".equals(h.getTag())) {
                ttftIntervalStarts.add(h.getStartTimeStamp() - summary.result().startTime().toEpochMilli());
            }
        }
        reader.close();
        assertEquals(List.of(0L, 4000L, 6000L, 8000L), ttftIntervalStarts, "the empty slice has no histogram");
        assertEquals(summary.histograms(), HistogramLogFile.read(dir.resolve(ResultFiles.HISTOGRAMS_HLOG)));
    }
}
