package dev.tokenperf.reports.load;

import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.ClientJit;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.record.StopReason;
import dev.tokenperf.reports.record.StopReport;
import dev.tokenperf.reports.resultdir.HistogramLogFile;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultReaderTest {

    @Test
    void clientHealthAndTheStopReportReadBack(@TempDir Path dir) throws Exception {
        RunResult run = SyntheticRuns.run(10, 3);
        ClientHealth health = new ClientHealth("concurrency", Double.NaN, 40.5, false, 0, 0.25, 1.5, 4, 2, 3.5, 8, 1);
        StopReport stop = new StopReport(StopReason.BENCHMARK_DURATION, 30, 2, 1, null);
        RunResult withBoth = new RunResult(run.toolVersion(), run.configuration(), run.startTime(), run.endTime(),
                run.benchmarkDurationNanos(), run.streaming(), false, run.records(), health, stop, null);
        ResultWriter.write(RunSummarizer.summarize(withBoth), dir);

        RunResult read = ResultReader.read(dir).result();

        assertEquals(health, read.clientHealth());
        assertTrue(read.clientHealth().clientLimited(), "event-loop lag 1.5 ms over a 1 ms budget");
        assertEquals(stop, read.stop());
    }

    @Test
    void theJitsPartOfClientHealthReadsBack(@TempDir Path dir) throws Exception {
        RunResult run = SyntheticRuns.run(10, 3);
        ClientHealth health = new ClientHealth("concurrency", Double.NaN, 40.5, false, 0, 0.25, 0.5, 0.5, 2, 3.5, 8,
                1, new ClientJit(Double.NaN, Double.NaN, 120, 2000, 250));
        RunResult withJit = new RunResult(run.toolVersion(), run.configuration(), run.startTime(), run.endTime(),
                run.benchmarkDurationNanos(), run.streaming(), false, run.records(), health, null, null);
        ResultWriter.write(RunSummarizer.summarize(withJit), dir);

        ClientHealth read = ResultReader.read(dir).result().clientHealth();

        assertEquals(health, read);
        assertEquals(List.of("JIT compiled 120 ms in the 2000 ms measured window (> 5%)"), read.limitReasons());
    }

    @Test
    void aWrittenResultReadsBackWithTheSameRecordsStatisticsAndHistograms(@TempDir Path dir) throws Exception {
        RunResult run = SyntheticRuns.run(30, 7);
        RunSummary summary = RunSummarizer.summarize(run);
        ResultWriter.write(summary, dir);
        assertTrue(Files.exists(dir.resolve(ResultFiles.HISTOGRAMS_HLOG)));

        SavedResult saved = ResultReader.read(dir);
        assertEquals(run.records().toList(), saved.result().records().toList());
        for (int i = 0; i < run.records().size(); i++) {
            assertArrayEquals(run.records().toList().get(i).chunkReadIndexes(), saved.result().records().toList().get(i).chunkReadIndexes());
            assertEquals(run.records().toList().get(i).error(), saved.result().records().toList().get(i).error());
        }
        assertEquals(run.benchmarkDurationNanos(), saved.result().benchmarkDurationNanos());
        assertEquals(run.configuration(), saved.result().configuration());
        for (MetricStatistics s : summary.statistics()) {
            assertEquals(s.avg(), saved.value(s.metric().tag(), "avg").orElseThrow(), 1e-9, s.metric().tag());
        }
        assertEquals(summary.histograms(), saved.histograms());
        assertEquals(summary.statistics(), saved.recompute().statistics());
        assertEquals("m", saved.summary().path("fingerprint").path("server_model_id").asText());
        assertEquals("abc", saved.summary().path("fingerprint").path("prompt_set_sha256").asText());
        assertFalse(saved.summary().path("fingerprint").path("configuration_sha256").asText().isEmpty());
    }

    @Test
    void eachRecordsServerReadsBackAndThePerUrlSummaryIsWritten(@TempDir Path dir) throws Exception {
        RunResult run = SyntheticRuns.run(6, 5);
        List<RequestRecord> atServers = new ArrayList<>();
        for (RequestRecord r : run.records()) {
            atServers.add(new RequestRecord(r.index(), r.requestId(), r.warmup(), r.streaming(),
                    r.intendedStartNanos(), r.startNanos(), r.endNanos(), r.chunkArrivalNanos(), r.chunkReadIndexes(),
                    r.serverInputTokens(), r.serverOutputTokens(), r.requestedInputTokens(),
                    r.requestedOutputTokens(), r.outputText(), r.error(), r.reasoningChunks(),
                    r.serverReasoningTokens(), r.sessionId(), r.turnIndex(), r.serverCachedTokens(), r.model(),
                    "http://replica-" + r.index() % 2 + ":8000"));
        }
        RunResult several = new RunResult(run.toolVersion(), run.configuration(), run.startTime(), run.endTime(),
                run.benchmarkDurationNanos(), run.streaming(), false, RequestRecords.of(atServers), null, null, null);
        ResultWriter.write(RunSummarizer.summarize(several), dir);

        SavedResult saved = ResultReader.read(dir);

        assertEquals(atServers.stream().map(RequestRecord::url).toList(),
                saved.result().records().toList().stream().map(RequestRecord::url).toList());
        assertEquals(2, saved.summary().path("per_url").size(), saved.summary().path("per_url").toString());
        assertEquals("http://replica-0:8000", saved.summary().path("per_url").get(0).path("url").asText());
        assertTrue(Files.readString(dir.resolve(ResultFiles.RECORDS_JSONL))
                .contains("\"url\":\"http://replica-1:8000\""), "the JSONL metadata names the server");
    }

    @Test
    void aDirectoryWithoutSummaryIsRefusedNamingTheFile(@TempDir Path dir) {
        ResultFormatException e = assertThrows(ResultFormatException.class, () -> ResultReader.read(dir));
        assertTrue(e.getMessage().contains("profile_export_aiperf.json"), e.getMessage());
    }

    @Test
    void aBrokenRecordLineIsRefusedNamingTheLine(@TempDir Path dir) throws Exception {
        ResultWriter.write(RunSummarizer.summarize(SyntheticRuns.run(5, 1)), dir);
        Files.writeString(dir.resolve("profile_export.jsonl"), "{\"metadata\":{}}\n");
        ResultFormatException e = assertThrows(ResultFormatException.class, () -> ResultReader.read(dir));
        assertTrue(e.getMessage().contains("profile_export.jsonl line 1"), e.getMessage());
    }

    @Test
    void aResultWrittenUnderTheOlderFileNamesStillReads(@TempDir Path dir) throws Exception {
        RunResult run = SyntheticRuns.run(12, 4);
        RunSummary summary = RunSummarizer.summarize(run);
        ResultWriter.write(summary, dir);
        Files.move(dir.resolve(ResultFiles.SUMMARY_JSON), dir.resolve("summary.json"));
        Files.move(dir.resolve(ResultFiles.SUMMARY_CSV), dir.resolve("summary.csv"));
        Files.move(dir.resolve(ResultFiles.RECORDS_JSONL), dir.resolve("records.jsonl"));

        SavedResult saved = ResultReader.read(dir);

        assertEquals(run.records().toList(), saved.result().records().toList());
        assertEquals(summary.value("time_to_first_token", "p50").orElseThrow(),
                ResultReader.readSummary(dir).value("time_to_first_token", "p50").orElseThrow());
    }
}
