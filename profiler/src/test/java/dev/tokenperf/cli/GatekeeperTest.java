package dev.tokenperf.cli;

import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.reports.export.ResultWriter;
import dev.tokenperf.reports.gate.GateCheck;
import dev.tokenperf.reports.metrics.Goodput;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatekeeperTest {
    private static final long MS = 1_000_000L;

    /** Four streamed requests with TTFT 10, 20, 30, 40 ms over 2 s, saved with the SLO ttft <= 25 ms. */
    private static Path written(Path dir) throws Exception {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            long start = i * 100 * MS;
            long[] chunks = {start + i * 10 * MS, start + i * 10 * MS + 5 * MS};
            records.add(new RequestRecord(i, "r" + i, false, true, start, start, chunks[1] + MS, chunks,
                    new long[] {1, 2}, 10, 2, 10, 2, "", null));
        }
        RunResult run = new RunResult("test", Map.of(), Instant.EPOCH, Instant.EPOCH, 2_000 * MS, true, false,
                records);
        ResultWriter.write(RunSummarizer.summarize(Goodput.annotate(run, GoodputSlos.parse("ttft:25"))), dir);
        return dir;
    }

    private static int gate(Path dir, GoodputSlos slos, StringWriter out, String... checks) throws Exception {
        return Gatekeeper.gate(dir, List.of(checks).stream().map(GateCheck::parse).toList(), null, slos, null,
                new PrintWriter(out));
    }

    @Test
    void summaryChecksNeedOnlySummaryJson(@TempDir Path tmp) throws Exception {
        Path dir = written(tmp);
        Files.delete(dir.resolve(ResultFiles.RECORDS_JSONL));
        StringWriter out = new StringWriter();

        int exit = gate(dir, null, out, "request_count>=4", "ttft.max<=40ms", "good_request_count>=2");

        assertEquals(ExitCodes.OK, exit, out.toString());
        assertTrue(out.toString().contains("gate passed: 3 of 3 checks"), out.toString());
    }

    @Test
    void slosGivenToTheGateJudgeGoodputAgainFromTheRecords(@TempDir Path tmp) throws Exception {
        Path dir = written(tmp);
        StringWriter out = new StringWriter();

        // ttft <= 35 ms: three good requests over 2 s (the run's own SLO, 25 ms, says two)
        int exit = gate(dir, GoodputSlos.parse("ttft:35"), out, "good_request_count>=3", "goodput>=1.5",
                "request_count>=4");

        assertEquals(ExitCodes.OK, exit, out.toString());
    }

    @Test
    void slosGivenToTheGateNeedTheRecordsOnlyForGoodputChecks(@TempDir Path tmp) throws Exception {
        Path dir = written(tmp);
        Files.delete(dir.resolve(ResultFiles.RECORDS_JSONL));

        assertEquals(ExitCodes.OK, gate(dir, GoodputSlos.parse("ttft:35"), new StringWriter(), "request_count>=4"));
        UsageException e = assertThrows(UsageException.class,
                () -> gate(dir, GoodputSlos.parse("ttft:35"), new StringWriter(), "goodput>=1.5"));
        assertTrue(e.getMessage().contains(ResultFiles.RECORDS_JSONL), e.getMessage());
    }
}
