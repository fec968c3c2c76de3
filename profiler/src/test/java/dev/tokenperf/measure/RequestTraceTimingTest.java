package dev.tokenperf.measure;

import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestRecord;
import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.Test;

import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tokenperf.measure.ScriptedConnection.END;
import static dev.tokenperf.measure.ScriptedConnection.ORIGIN_NANOS;
import static dev.tokenperf.measure.ScriptedConnection.SSE_HEAD;
import static dev.tokenperf.measure.ScriptedConnection.content;
import static dev.tokenperf.measure.ScriptedConnection.contentWithUsage;
import static dev.tokenperf.measure.ScriptedConnection.done;
import static dev.tokenperf.measure.ScriptedConnection.event;
import static dev.tokenperf.measure.ScriptedConnection.finish;
import static dev.tokenperf.measure.ScriptedConnection.httpChunk;
import static dev.tokenperf.measure.ScriptedConnection.nanos;
import static dev.tokenperf.measure.ScriptedConnection.roleOnly;
import static dev.tokenperf.measure.ScriptedConnection.usageOnly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A request measured end to end on the client's decoding pipeline, with every read arriving at a scripted
 * time: the record's raw times and the metrics derived from them (TTFT, TTST, ITL, inter-chunk gaps, token
 * counts) come out exact. Times in the comments are milliseconds after the run's origin.
 */
class RequestTraceTimingTest {

    private static List<Long> values(MetricDefinition metric, RequestRecord record) {
        List<Long> out = new ArrayList<>();
        metric.emit(record, out::add);
        return out;
    }

    private static List<Long> millis(double... values) {
        List<Long> out = new ArrayList<>();
        for (double v : values) {
            out.add(nanos(v));
        }
        return out;
    }

    private static long[] millisArray(double... values) {
        return millis(values).stream().mapToLong(Long::longValue).toArray();
    }

    /** The streaming metrics of a successful record, each as the values it records into its histogram. */
    private static void assertStreamMetrics(RequestRecord r, List<Long> ttft, List<Long> ttst, List<Long> itl,
                                            List<Long> gaps, long outputTokens) {
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        assertEquals(ttft, values(MetricRegistry.TIME_TO_FIRST_TOKEN, r), "TTFT");
        assertEquals(ttst, values(MetricRegistry.TIME_TO_SECOND_TOKEN, r), "TTST");
        assertEquals(itl, values(MetricRegistry.INTER_TOKEN_LATENCY, r), "ITL");
        assertEquals(gaps, values(MetricRegistry.INTER_CHUNK_LATENCY, r), "inter-chunk gaps");
        assertEquals(List.of(outputTokens), values(MetricRegistry.OUTPUT_SEQUENCE_LENGTH, r), "output tokens");
    }

    @Test
    void oneTokenPerChunk() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        c.read(21, event(content(" a")));
        c.read(26, event(content(" b")));
        c.read(32, event(content(" c")));
        c.read(33, event(finish()) + done() + END);

        RequestRecord r = c.record();
        assertEquals(nanos(1), r.startNanos());
        assertEquals(nanos(33), r.endNanos(), "ends with the read that carried the body's end");
        assertArrayEquals(millisArray(21, 26, 32), r.chunkArrivalNanos());
        assertArrayEquals(new long[] {2, 3, 4}, r.chunkReadIndexes(), "one read each, after the head's");
        // ITL = (latency 32 - TTFT 20) / (3 tokens - 1)
        assertStreamMetrics(r, millis(20), millis(5), millis(6), millis(5, 6), 3);
        assertEquals(" a b c", r.outputText());
        assertEquals(List.of(true), c.reuse, "a kept-alive connection is reused");
    }

    @Test
    void multiTokenChunksCountTheServersTokensNotTheChunks() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        c.read(11, event(contentWithUsage(" a b", 2)));
        c.read(15, event(contentWithUsage(" c d", 4)));
        c.read(19, event(contentWithUsage(" e f", 6)));
        c.read(21, event(finish()) + done() + END);

        RequestRecord r = c.record();
        assertEquals(3, r.chunkCount());
        // ITL = (latency 20 - TTFT 10) / (6 tokens - 1)
        assertStreamMetrics(r, millis(10), millis(4), millis(2), millis(4, 4), 6);
        assertEquals(List.of(500_000L), values(MetricRegistry.OUTPUT_TOKEN_THROUGHPUT_PER_USER, r),
                "1 / 2 ms = 500 tokens/s, recorded in milli-tokens/s");
    }

    @Test
    void severalEventsInOneReadShareItsArrivalTime() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        c.read(11, event(content(" a")));
        c.read(17, event(content(" b")) + event(content(" c")));
        c.read(18, event(finish()) + done() + END);

        RequestRecord r = c.record();
        assertArrayEquals(millisArray(11, 17, 17), r.chunkArrivalNanos());
        assertArrayEquals(new long[] {2, 3, 3}, r.chunkReadIndexes(), "equal read indexes: coalesced");
        // ITL = (latency 17 - TTFT 10) / (3 - 1)
        assertStreamMetrics(r, millis(10), millis(6), millis(3.5), millis(6, 0), 3);
    }

    @Test
    void aWholeResponseInOneRead() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(12, SSE_HEAD + event(content(" a")) + event(content(" b")) + event(content(" c"))
                + event(finish()) + done() + END);

        RequestRecord r = c.record();
        assertEquals(nanos(12), r.endNanos());
        assertStreamMetrics(r, millis(11), millis(0), millis(0), millis(0, 0), 3);
    }

    @Test
    void aRoleOnlyFirstChunkIsNotTheFirstToken() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        c.read(5, event(roleOnly()));
        c.read(11, event(content(" a")));
        c.read(14, event(content(" b")));
        c.read(15, event(finish()) + done() + END);

        RequestRecord r = c.record();
        assertArrayEquals(millisArray(11, 14), r.chunkArrivalNanos());
        // TTFT from the first content (11), not the role chunk (5); ITL = (14 - 10) / (2 - 1)
        assertStreamMetrics(r, millis(10), millis(3), millis(4), millis(3), 2);
    }

    @Test
    void aUsageOnlyLastChunkSetsTheTokenCountButIsNoChunk() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        c.read(11, event(content(" a")));
        c.read(13, event(content(" b")));
        c.read(15, event(content(" c")));
        c.read(19, event(finish()) + event(usageOnly(9, 5)));
        c.read(20, done() + END);

        RequestRecord r = c.record();
        assertArrayEquals(millisArray(11, 13, 15), r.chunkArrivalNanos(), "the usage chunk at 19 is no arrival");
        assertEquals(9, r.inputTokens());
        // ITL = (latency 19 - TTFT 10) / (5 tokens - 1)
        assertStreamMetrics(r, millis(10), millis(2), millis(2.25), millis(2, 2), 5);
    }

    @Test
    void aTimeoutEndsTheRequestWhenItFiresAndIgnoresWhatArrivesLater() {
        ScriptedConnection c = new ScriptedConnection();
        RequestTrace trace = c.trace(true);
        c.send(trace, 1);
        c.read(2, SSE_HEAD);
        c.read(11, event(content(" a")));
        c.ticker.set(ORIGIN_NANOS + nanos(51));
        trace.timedOut(50);
        c.read(52, event(content(" b")) + event(finish()) + done() + END);

        RequestRecord r = c.record();
        assertEquals(ErrorKind.TIMEOUT, r.error().kind());
        assertEquals(nanos(51), r.endNanos());
        assertEquals(nanos(50), r.latencyNanos());
        assertArrayEquals(millisArray(11), r.chunkArrivalNanos(), "what arrived before the timeout");
        assertEquals(List.of(false), c.reuse, "a timed-out connection is not reused");
    }

    @Test
    void aCancelEndsTheRequestOnceWhenItIsSeen() {
        ScriptedConnection c = new ScriptedConnection();
        RequestTrace trace = c.trace(true);
        c.send(trace, 1);
        c.read(2, SSE_HEAD);
        c.read(11, event(content(" a")));
        c.ticker.set(ORIGIN_NANOS + nanos(12));
        trace.cancel();
        c.ticker.set(ORIGIN_NANOS + nanos(13));
        c.channel.close(); // the cancelled connection closes: no second record

        RequestRecord r = c.record();
        assertEquals(ErrorKind.CANCELLED, r.error().kind());
        assertEquals(nanos(12), r.endNanos());
        assertArrayEquals(millisArray(11), r.chunkArrivalNanos());
        assertTrue(trace.isFinished());
    }

    @Test
    void aStaleKeptAliveConnectionIsResentOnceAndTheResendIsMeasuredFromItsOwnStart() {
        ScriptedConnection stale = new ScriptedConnection();
        RequestTrace first = stale.trace(true);
        first.intendedStart(ORIGIN_NANOS + nanos(0.5));
        stale.send(first, 1);
        stale.ticker.set(ORIGIN_NANOS + nanos(2));
        stale.channel.close(); // the server had closed the idle connection: not one response byte

        RequestRecord failed = stale.record();
        assertEquals(ErrorKind.CONNECTION_RESET, failed.error().kind());
        assertEquals(nanos(2), failed.endNanos());
        assertEquals("attempt 1: a reused connection closed 1.0 ms after the write, before any response byte",
                first.resendReason(failed, true), "unanswered on a reused connection: resend");
        assertNull(first.resendReason(failed, false), "on a fresh connection it is a real failure");

        RequestTrace resend = first.retryCopy();
        ScriptedConnection fresh = new ScriptedConnection(stale.ticker);
        fresh.send(resend, 3);
        fresh.read(4, SSE_HEAD);
        fresh.read(13, event(content(" a")));
        fresh.read(16, event(content(" b")));
        fresh.read(17, event(finish()) + done() + END);

        assertEquals(2, stale.records.size(), "the resend reports to the same completion");
        RequestRecord r = stale.records.get(1);
        assertEquals(failed.requestId(), r.requestId());
        assertEquals(nanos(0.5), r.intendedStartNanos(), "the schedule's time survives the resend");
        assertEquals(nanos(3), r.startNanos());
        // ITL = (latency 14 - TTFT 10) / (2 - 1)
        assertStreamMetrics(r, millis(10), millis(3), millis(4), millis(3), 2);
        assertEquals(millis(2.5), values(MetricRegistry.SCHEDULE_LAG, r));
        assertEquals(millis(12.5), values(MetricRegistry.RESPONSE_TIME_TO_FIRST_TOKEN, r));
        assertNull(resend.resendReason(failed, true), "a request is resent at most once");
    }

    @Test
    void aReusedConnectionClosingLongAfterTheWriteIsAFailureNotAResend() {
        ScriptedConnection c = new ScriptedConnection();
        RequestTrace trace = c.trace(true);
        c.send(trace, 1);
        // the server held the request past the stale window, then reset: it had it, and may have processed it
        c.ticker.set(ORIGIN_NANOS + nanos(1) + RequestTrace.STALE_WINDOW_NANOS + 1);
        c.channel.close();

        RequestRecord r = c.record();
        assertEquals(ErrorKind.CONNECTION_RESET, r.error().kind());
        assertNull(trace.resendReason(r, true));
    }

    @Test
    void aReusedConnectionClosingAfterTheStatusLineIsAFailureNotAResend() {
        ScriptedConnection c = new ScriptedConnection();
        RequestTrace trace = c.trace(true);
        c.send(trace, 1);
        c.read(2, SSE_HEAD);
        c.ticker.set(ORIGIN_NANOS + nanos(3));
        c.channel.close();

        RequestRecord r = c.record();
        assertEquals(ErrorKind.CONNECTION_RESET, r.error().kind());
        assertNull(trace.resendReason(r, true), "a response byte arrived: the server processed the request");
    }

    @Test
    void aWholeJsonBodyAnsweringAStreamingRequestIsNotStreamed() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        String body = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\" a b\"}}]}";
        c.read(20, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);

        RequestRecord r = c.record();
        assertEquals(ErrorKind.NOT_STREAMED, r.error().kind(), String.valueOf(r.error()));
        assertTrue(r.error().message().contains("--extra-inputs"), r.error().message());
    }

    @Test
    void retryAfterIsKeptInTheErrorRecord() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        String body = "{\"error\":{\"message\":\"slow down\"}}";
        c.read(2, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);

        RequestRecord r = c.record();
        assertEquals(ErrorKind.HTTP_STATUS, r.error().kind());
        assertEquals(429, r.error().httpStatus());
        assertEquals(7_000, r.error().retryAfterMillis());
    }

    @Test
    void retryAfterAsAnHttpDateIsKeptAsTheDelayAfterTheResponsesDate() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        String body = "{\"error\":{\"message\":\"overloaded\"}}";
        c.read(2, "HTTP/1.1 503 Service Unavailable\r\nDate: Tue, 01 Dec 2026 06:00:00 GMT\r\n"
                + "Retry-After: Tue, 01 Dec 2026 06:00:42 GMT\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);

        assertEquals(42_000, c.record().error().retryAfterMillis());
    }

    @Test
    void aGzipStreamIsDecodedAndStampedWhenItsCompressedBytesArrive() throws Exception {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        byte[] events = (event(content(" a")) + event(content(" b")) + done()).getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(events);
        }
        byte[] gzip = zipped.toByteArray();
        c.read(2, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\n"
                + "Content-Length: " + gzip.length + "\r\n\r\n");
        c.readBytes(11, gzip);

        RequestRecord r = c.record();
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        assertEquals(" a b", r.outputText());
        assertArrayEquals(millisArray(11, 11), r.chunkArrivalNanos());
    }

    @Test
    void aFailedWriteMayBeResentEvenOnAFreshConnection() {
        ScriptedConnection c = new ScriptedConnection();
        RequestTrace trace = c.trace(true);
        c.send(trace, 1);
        c.ticker.set(ORIGIN_NANOS + nanos(1.25));
        trace.writeFailed(new ClosedChannelException());

        RequestRecord r = c.record();
        assertEquals(ErrorKind.CONNECTION_RESET, r.error().kind());
        assertEquals(nanos(1.25), r.endNanos());
        assertEquals("attempt 1: the write failed (" + r.error().message() + ")", trace.resendReason(r, false),
                "the server never saw the request");
    }

    @Test
    void aNonStreamingResponseEndsWithItsLastByteAndHasNoChunkMetrics() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(false), 1);
        String body = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\" a b c\"},"
                + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}";
        c.read(20, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body.substring(0, 40));
        c.read(25, body.substring(40));

        RequestRecord r = c.record();
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        assertEquals(nanos(25), r.endNanos());
        assertEquals(millis(24), values(MetricRegistry.REQUEST_LATENCY, r));
        assertEquals(List.of(), values(MetricRegistry.TIME_TO_FIRST_TOKEN, r));
        assertEquals(List.of(), values(MetricRegistry.INTER_TOKEN_LATENCY, r));
        assertEquals(List.of(), values(MetricRegistry.INTER_CHUNK_LATENCY, r));
        assertEquals(List.of(3L), values(MetricRegistry.OUTPUT_SEQUENCE_LENGTH, r));
        assertEquals(" a b c", r.outputText());
    }

    @Test
    void anEventSplitAcrossReadsArrivesWithTheReadThatEndsItWhateverItsLineEndings() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        String crlf = httpChunk("data: " + content(" a") + "\r\n\r\n");
        c.read(10, crlf.substring(0, 20)); // mid-JSON, inside one HTTP chunk
        c.read(11, crlf.substring(20));
        c.read(14, httpChunk(": keep-alive\r\rdata: " + content(" b") + "\r\r")); // CR only, and a comment
        String lf = httpChunk("data: " + content(" c") + "\n\n");
        int secondLf = lf.lastIndexOf("\n\n") + 1;
        c.read(17, lf.substring(0, secondLf)); // the event's last line ended, the event not yet
        c.read(18, lf.substring(secondLf));
        String crThenLf = httpChunk("data: " + content(" d") + "\r\n\r\n");
        int lastLf = crThenLf.lastIndexOf("\r\n\r\n") + 3;
        c.read(21, crThenLf.substring(0, lastLf)); // the CR ends the event; its LF comes with the next read
        c.read(22, crThenLf.substring(lastLf));
        c.read(23, event(finish()) + done() + END);

        RequestRecord r = c.record();
        assertArrayEquals(millisArray(11, 14, 18, 21), r.chunkArrivalNanos());
        assertArrayEquals(new long[] {3, 4, 6, 7}, r.chunkReadIndexes());
        assertEquals(" a b c d", r.outputText());
        // ITL = (latency 22 - TTFT 10) / (4 - 1)
        assertStreamMetrics(r, millis(10), millis(3), millis(4), millis(3, 4, 3), 4);
    }

    @Test
    void touchingAStartedTraceOffItsEventLoopFailsAnAssertion() throws Exception {
        assumeTrue(RequestTrace.class.desiredAssertionStatus(), "assertions are enabled in tests");
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            RequestTrace trace = new ScriptedConnection().trace(true);
            loop.submit(() -> trace.started(loop)).get(5, TimeUnit.SECONDS);
            assertThrows(AssertionError.class, trace::cancel);
            loop.submit(trace::cancel).get(5, TimeUnit.SECONDS); // on its loop, the same call is fine
            assertTrue(loop.submit(trace::isFinished).get(5, TimeUnit.SECONDS));
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
