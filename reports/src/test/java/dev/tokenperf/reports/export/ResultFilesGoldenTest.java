package dev.tokenperf.reports.export;

import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.metrics.Goodput;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.record.StopReason;
import dev.tokenperf.reports.record.StopReport;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummarizer;
import dev.tokenperf.reports.summary.RunSummary;
import dev.tokenperf.reports.summary.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The files a run writes, byte for byte, against copies kept in {@code src/test/resources/golden}: a change to
 * how statistics, verdicts, health or histograms are computed or written shows up here, not in a user's diff.
 */
class ResultFilesGoldenTest {
    private static final ToIntFunction<String> WORDS = text -> text.isBlank() ? 0 : text.trim().split("\\s+").length;

    /** 40 measured streaming requests (one failed) with schedule lag, output text and a varying template. */
    static RunResult run() {
        RunResult base = SyntheticRuns.run(40, 11);
        List<RequestRecord> records = new ArrayList<>();
        for (RequestRecord r : base.records()) {
            int i = r.index();
            long lag = (i % 5) * 250_000L;
            String text = "w ".repeat(r.succeeded() ? 9 + i % 3 : 0).trim();
            records.add(new RequestRecord(i, r.requestId(), r.warmup(), r.streaming(), r.startNanos() - lag,
                    r.startNanos(), r.endNanos(), r.chunkArrivalNanos(), r.chunkReadIndexes(),
                    r.succeeded() ? 112 + (i % 7 == 0 ? 1 : 0) : -1, r.serverOutputTokens(), 100, 10, text,
                    r.error()));
        }
        ClientHealth health = new ClientHealth("request_rate", 20, 19.5, false, 1.0, 0.25, 0.5, 0.75, 2, 3.5, 8, 1);
        StopReport stop = new StopReport(StopReason.REQUEST_COUNT, 30, 2, 0, null);
        RunResult run = new RunResult(base.toolVersion(), base.configuration(), base.startTime(), base.endTime(),
                base.benchmarkDurationNanos(), true, false, records, health, stop, null);
        return Goodput.annotate(run, GoodputSlos.parse("ttft:15 itl:5"));
    }

    private static void writeRun(Path dir) throws IOException {
        RunResult run = run();
        RunSummary summary = RunSummarizer.summarize(run, SequenceLengthAccuracy.tally(WORDS, "words", false));
        ResultWriter.write(summary, dir);
        Files.writeString(dir.resolve("console.txt"), ConsoleTable.render(summary), StandardCharsets.UTF_8);
    }

    @Test
    void everyFileOfAResultIsExactlyAsBefore(@TempDir Path dir) throws IOException {
        writeRun(dir);
        for (String file : List.of("profile_export_aiperf.json", "profile_export_aiperf.csv", "profile_export.jsonl",
                "console.txt")) {
            assertEquals(golden(file), Files.readString(dir.resolve(file)), file);
        }
        assertEquals(withoutLocalDate(golden("histograms.hlog")),
                withoutLocalDate(Files.readString(dir.resolve("histograms.hlog"))), "histograms.hlog");
    }

    // HdrHistogram writes the start time once more as a date in the JVM's time zone: a comment, not data
    private static String withoutLocalDate(String hlog) {
        return hlog.lines().filter(l -> !l.startsWith("#[StartTime:")).collect(Collectors.joining("\n"));
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = ResultFilesGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IOException("missing golden file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
