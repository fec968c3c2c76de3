package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.disagg.DisaggregationVerdict;
import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricSource;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.record.RunResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSummarizerTest {
    private static final long MS = 1_000_000L;

    /** Records that count how often anyone walks them: the summary must walk them once. */
    private static final class CountedRecords extends RequestRecords {
        private final List<RequestRecord> records;
        private int passes;

        CountedRecords(List<RequestRecord> records) {
            this.records = records;
        }

        @Override
        public int size() {
            return records.size();
        }

        @Override
        public Iterator<RequestRecord> iterator() {
            passes++;
            return records.iterator();
        }
    }

    /**
     * Request {@code i} (0-based) is intended at {@code i} s, starts {@code i} ms late, gets its first chunk
     * 100 ms after its start and then 4 more chunks 10 ms apart (the second after 10 + {@code i} ms), ends 1 ms
     * after the last chunk, and reports 5 output tokens; the prompt was asked as 100 tokens, the server counts 110.
     */
    private static RequestRecord streamed(int i) {
        long intended = i * 1000 * MS;
        long start = intended + i * MS;
        long[] chunks = new long[5];
        long[] reads = new long[5];
        chunks[0] = start + 100 * MS;
        chunks[1] = chunks[0] + (10 + i) * MS;
        for (int c = 2; c < 5; c++) {
            chunks[c] = chunks[c - 1] + 10 * MS;
        }
        for (int c = 0; c < 5; c++) {
            reads[c] = c + 1;
        }
        return new RequestRecord(i, "r" + i, false, true, intended, start, chunks[4] + MS, chunks, reads, 110, 5,
                100, 5, "a b c d e", null);
    }

    private static RunResult run(RequestRecords records, ClientHealth health) {
        return new RunResult("test", Map.of(), Instant.EPOCH, Instant.EPOCH, 10_000 * MS, true, false, records,
                health, null, null);
    }

    private static List<RequestRecord> scripted() {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(streamed(i));
        }
        records.add(new RequestRecord(10, "w", true, true, 0, 0, 5 * MS, new long[] {MS}, new long[] {1}, 1, 1, 1,
                1, "x", null));
        records.add(new RequestRecord(11, "r11", false, true, 0, 0, 5 * MS, null, null, -1, -1, 100, 5, "",
                new RequestError(ErrorKind.HTTP_STATUS, 503, "overloaded")));
        return records;
    }

    @Test
    void onePassGivesEveryHistogramTheVerdictTheAccuracyAndTheClientsScheduleLag() {
        CountedRecords records = new CountedRecords(scripted());
        ClientHealth measuredByTheClient = new ClientHealth("request_rate", 1, 1, false, Double.NaN, 0.25, 0.5, 0.75,
                0, 0, 4, 5);

        RunSummary s = RunSummarizer.summarize(run(records, measuredByTheClient), GoodputSlos.parse("ttst:14"),
                SequenceLengthAccuracy.tally(text -> text.split(" ").length, "words", false));

        assertEquals(1, records.passes, "one pass over the records");
        // TTFT: 100 ms for each of the 10 successful measured requests (warmup and the failure left out)
        Histogram ttft = s.histograms().get(MetricRegistry.TIME_TO_FIRST_TOKEN.tag());
        assertEquals(10, ttft.getTotalCount());
        assertEquals(10, ttft.getCountAtValue(100 * MS));
        // TTST 10 + i ms, i = 0..9; the histogram keeps 3 significant digits, so each lands in its own bucket
        Histogram ttst = s.histograms().get(MetricRegistry.TIME_TO_SECOND_TOKEN.tag());
        for (int i = 0; i < 10; i++) {
            assertEquals(1, ttst.getCountAtValue((10 + i) * MS), "ttst " + (10 + i) + " ms");
        }
        assertEquals(14.5, s.get(MetricRegistry.TIME_TO_SECOND_TOKEN).orElseThrow().avg(), 1e-9);
        // schedule lag i ms: p99 of 0..9 ms is 9 ms, which the client's own health did not know
        assertEquals(9.0, s.get(MetricRegistry.SCHEDULE_LAG).orElseThrow().percentile(99), 0.01);
        assertEquals(9.0, s.clientHealth().scheduleLagP99Millis(), 0.01);
        assertEquals(0.5, s.clientHealth().eventLoopLagP99Millis());
        // inter-chunk gaps: 4 per request, 40 in all
        assertEquals(40, s.histograms().get(MetricRegistry.INTER_CHUNK_LATENCY.tag()).getTotalCount());
        // goodput: TTST <= 14 ms holds for i = 0..4
        assertEquals(5.0, s.get(MetricRegistry.GOOD_REQUEST_COUNT).orElseThrow().avg());
        assertEquals(0.5, s.get(MetricRegistry.GOODPUT).orElseThrow().avg(), 1e-12);
        assertEquals(10.0, s.get(MetricRegistry.REQUEST_COUNT).orElseThrow().avg());
        assertEquals(1.0, s.get(MetricRegistry.ERROR_REQUEST_COUNT).orElseThrow().avg());
        // errors grouped, warmup out
        assertEquals(1, s.errors().size());
        assertEquals(503, s.errors().get(0).example().httpStatus());
        assertEquals(1, s.errorCount());
        // verdict: 10 requests with TTST (10 + i) / steady gap 10 -> median ratio 1.45 <= 1.5
        DisaggregationVerdict verdict = s.firstTokenVerdict();
        assertEquals(DisaggregationVerdict.AFTER, verdict.verdict());
        assertEquals(10, verdict.requestsUsed());
        assertEquals(1.45, verdict.ratio().median(), 1e-9);
        assertEquals(50, verdict.chunks().contentChunks());
        // accuracy: the server's 110 prompt tokens are a constant 10-token template over the requested 100
        assertEquals(10, s.accuracy().summary().get("requests"));
        assertEquals(10, s.accuracy().summary().get("prompt_overhead"));
        assertEquals(0, s.accuracy().summary().get("input_mismatches"));
        assertEquals(5.0, s.accuracy().summary().get("output_client_avg"));
    }

    @Test
    void withoutSlosGoodputIsAbsentAndWithoutATallyThereIsNoAccuracy() {
        RunSummary s = RunSummarizer.summarize(run(RequestRecords.of(scripted()), null));
        assertTrue(MetricRegistry.all().contains(MetricRegistry.GOODPUT), "goodput is a registry metric");
        assertEquals(MetricSource.SLOS, MetricRegistry.GOODPUT.source());
        assertFalse(s.get(MetricRegistry.GOODPUT).isPresent());
        assertFalse(s.get(MetricRegistry.GOOD_REQUEST_COUNT).isPresent());
        assertNull(s.accuracy());
        assertNull(s.clientHealth());
    }

    @Test
    void aHealthWhoseScheduleLagIsKnownKeepsIt() {
        ClientHealth saved = new ClientHealth("request_rate", 1, 1, false, 7.5, 0, 0, 0, 0, 0, 1, 5);
        assertEquals(saved, RunSummarizer.summarize(run(RequestRecords.of(scripted()), saved)).clientHealth());
    }

    @Test
    void valuesReadAsSummaryJsonStatesThem() {
        RunSummary s = RunSummarizer.summarize(run(RequestRecords.of(scripted()), null));
        assertEquals(100.0, s.value("time_to_first_token", "p50").orElseThrow(), 0.1);
        assertEquals(10.0, s.value("request_count", "avg").orElseThrow());
        assertTrue(s.value("request_count", "p50").isEmpty(), "a run-level metric has only avg");
        assertTrue(s.value("goodput", "avg").isEmpty());
    }

    /** {@code r} as if the server had reported {@code cachedTokens} prompt tokens from its prefix cache. */
    private static RequestRecord withCachedTokens(RequestRecord r, int cachedTokens) {
        return new RequestRecord(r.index(), r.requestId(), r.warmup(), r.streaming(), r.intendedStartNanos(),
                r.startNanos(), r.endNanos(), r.chunkArrivalNanos(), r.chunkReadIndexes(), r.serverInputTokens(),
                r.serverOutputTokens(), r.requestedInputTokens(), r.requestedOutputTokens(), r.outputText(),
                r.error(), r.reasoningChunks(), r.serverReasoningTokens(), r.sessionId(), r.turnIndex(),
                cachedTokens);
    }

    @Test
    void clientPrefixCacheHitRateIsCachedOverInputTokensOfTheRequestsThatReportedIt() {
        // 110 input tokens each (the server's count): 0, 64 and 96 cached; the fourth did not report, the fifth failed
        List<RequestRecord> records = new ArrayList<>(List.of(withCachedTokens(streamed(0), 0),
                withCachedTokens(streamed(1), 64), withCachedTokens(streamed(2), 96), streamed(3),
                withCachedTokens(streamed(4), 100).withError(RequestError.of(ErrorKind.SERVER_ERROR, "down"))));
        RunSummary s = RunSummarizer.summarize(run(RequestRecords.of(records), null));
        assertEquals((0.0 + 64 + 96) / (3 * 110), s.get(MetricRegistry.CLIENT_PREFIX_CACHE_HIT_RATE).orElseThrow().avg(),
                1e-15);
        assertEquals(3.0, s.get(MetricRegistry.CACHE_REPORTING_REQUEST_COUNT).orElseThrow().avg());
        assertEquals(MetricSource.PREFIX_CACHE, MetricRegistry.CLIENT_PREFIX_CACHE_HIT_RATE.source());
    }

    @Test
    void clientPrefixCacheHitRateIsAbsentWhenNoRequestReportedCachedTokens() {
        RunSummary s = RunSummarizer.summarize(run(RequestRecords.of(scripted()), null));
        assertTrue(s.get(MetricRegistry.CLIENT_PREFIX_CACHE_HIT_RATE).isEmpty(), "absent, not 0");
        assertTrue(s.get(MetricRegistry.CACHE_REPORTING_REQUEST_COUNT).isEmpty());
    }

    /** {@code r} as sent to {@code url}, one server of several. */
    private static RequestRecord at(RequestRecord r, String url) {
        return new RequestRecord(r.index(), r.requestId(), r.warmup(), r.streaming(), r.intendedStartNanos(),
                r.startNanos(), r.endNanos(), r.chunkArrivalNanos(), r.chunkReadIndexes(), r.serverInputTokens(),
                r.serverOutputTokens(), r.requestedInputTokens(), r.requestedOutputTokens(), r.outputText(),
                r.error(), r.reasoningChunks(), r.serverReasoningTokens(), r.sessionId(), r.turnIndex(),
                r.serverCachedTokens(), r.model(), url);
    }

    @Test
    void eachServerOfSeveralHasItsStatisticsBesideTheTotals() {
        // requests 0..9 alternate between two servers; the failure goes to the second, the warmup to the first
        List<RequestRecord> records = new ArrayList<>();
        List<RequestRecord> scripted = scripted();
        for (int i = 0; i < scripted.size(); i++) {
            records.add(at(scripted.get(i), i % 2 == 0 ? "http://a:8000" : "http://b:8000"));
        }
        RunSummary s = RunSummarizer.summarize(run(RequestRecords.of(records), null));

        assertEquals(List.of("http://a:8000", "http://b:8000"), s.perUrl().stream().map(GroupSummary::key).toList());
        GroupSummary a = s.perUrl().get(0);
        GroupSummary b = s.perUrl().get(1);
        assertEquals(5, a.requests(), "0, 2, 4, 6, 8: the warmup (10) is no measured request");
        assertEquals(0, a.errors());
        assertEquals(6, b.requests(), "1, 3, 5, 7, 9 and the failed 11");
        assertEquals(1, b.errors());
        // TTST is 10 + i ms: the even requests' mean 14 ms, the odd ones' 15 ms
        assertEquals(14.0, a.get(MetricRegistry.TIME_TO_SECOND_TOKEN).orElseThrow().avg(), 1e-9);
        assertEquals(15.0, b.get(MetricRegistry.TIME_TO_SECOND_TOKEN).orElseThrow().avg(), 1e-9);
        assertEquals(s.get(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT).orElseThrow().avg(),
                a.get(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT).orElseThrow().avg()
                        + b.get(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT).orElseThrow().avg(), 1e-9,
                "over the run's whole duration, the servers' throughputs add up to the run's");
        assertTrue(s.perModel().isEmpty(), "one model: no model groups");
    }

    @Test
    void oneServerHasNoPerUrlGroups() {
        assertTrue(RunSummarizer.summarize(run(RequestRecords.of(scripted()), null)).perUrl().isEmpty());
    }
}
