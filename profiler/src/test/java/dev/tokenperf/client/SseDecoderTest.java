package dev.tokenperf.client;

import dev.tokenperf.testing.ScriptedTicker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseDecoderTest {

    /** What an event means, without its timestamps. */
    record Ev(String type, String data, String id) {
        static Ev of(SseEvent e) {
            return new Ev(e.type(), e.data(), e.id());
        }
    }

    // multi-byte UTF-8 (é: 2 bytes, 日本: 3 bytes each, 🙂: 4 bytes) and a token with a leading space
    private static final String PAYLOAD = "\uFEFF: keep-alive comment\r\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\" caf\u00e9\"}}]}\r\n\r\n"
            + "data:{\"t\":\"\u65e5\u672c\"}\n\n"
            + "event: usage\rdata: line one\rdata:  two spaces kept\r\r"
            + "id: 7\ndata: \ud83d\ude42\n\n"
            + "data\n\n"
            + "retry: 100\nunknown: x\ndata: [DONE]\n\n"
            + "data: incomplete event at end of stream";

    private static final List<Ev> EXPECTED = List.of(
            new Ev("message", "{\"choices\":[{\"delta\":{\"content\":\" caf\u00e9\"}}]}", null),
            new Ev("message", "{\"t\":\"\u65e5\u672c\"}", null),
            new Ev("usage", "line one\n two spaces kept", null),
            new Ev("message", "\ud83d\ude42", "7"),
            new Ev("message", "", "7"),
            new Ev("message", "[DONE]", "7"));

    @Test
    void everySplitOfTheStreamGivesTheSameEvents() {
        byte[] bytes = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        for (int first = 0; first <= bytes.length; first++) {
            for (int second = first; second <= bytes.length; second += Math.max(1, bytes.length / 40)) {
                List<Ev> events = decode(bytes, first, second);
                assertEquals(EXPECTED, events, "split at " + first + " and " + second);
            }
        }
    }

    @Test
    void everySingleByteFeedGivesTheSameEvents() {
        byte[] bytes = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        EmbeddedChannel ch = new EmbeddedChannel(new SseDecoder(new ReadClock()));
        List<Ev> events = new ArrayList<>();
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            drain(ch, events);
        }
        assertFalse(ch.finish());
        assertEquals(EXPECTED, events);
    }

    @Test
    void crLfSplitAcrossReadsIsOneLineEnd() {
        EmbeddedChannel ch = new EmbeddedChannel(new SseDecoder(new ReadClock()));
        assertFalse(ch.writeInbound(buf("data: a\r")));
        assertFalse(ch.writeInbound(buf("\n")), "the LF completes the CRLF pair; it is not an empty line");
        assertTrue(ch.writeInbound(buf("\r\n")));
        SseEvent e = ch.readInbound();
        assertEquals("a", e.data());
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void eventsCarryTheArrivalTimeAndReadOfTheBytesThatCompletedThem() {
        ReadClock clock = new ReadClock();
        ScriptedTicker ticker = new ScriptedTicker(1_000);
        EmbeddedChannel ch = new EmbeddedChannel(new ReadTimestampHandler(clock, ticker), new SseDecoder(clock));
        ch.writeInbound(buf("data: fir"));
        ticker.set(1_700);
        ch.writeInbound(buf("st\n\ndata: second\n\n"));
        SseEvent first = ch.readInbound();
        SseEvent second = ch.readInbound();
        assertEquals(1_700, first.arrivalNanos(), "stamped by the read that completed it");
        assertEquals(1_700, second.arrivalNanos());
        assertEquals(2, first.readIndex());
        assertEquals(first.readIndex(), second.readIndex(), "both arrived in one read");
        assertFalse(ch.finish());
    }

    @Test
    void streamedHttpBodyIsDecodedAndEndsWithLastContent() {
        EmbeddedChannel ch = new EmbeddedChannel(new SseDecoder(new ReadClock()));
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        ch.writeInbound(head);
        assertSame(head, ch.readInbound());
        ch.writeInbound(new DefaultHttpContent(buf("data: x\n")));
        ch.writeInbound(new DefaultLastHttpContent(buf("\n")));
        SseEvent e = ch.readInbound();
        assertEquals("x", e.data());
        assertSame(LastHttpContent.EMPTY_LAST_CONTENT, ch.readInbound());
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void nonStreamedBodyPassesThroughUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(new SseDecoder(new ReadClock()));
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        ch.writeInbound(head);
        ch.writeInbound(new DefaultLastHttpContent(buf("data: not sse\n\n")));
        assertSame(head, ch.readInbound());
        HttpContent body = ch.readInbound();
        assertEquals("data: not sse\n\n", body.content().toString(StandardCharsets.UTF_8));
        body.release();
        assertFalse(ch.finish());
    }

    @Test
    void errorStatusWithEventStreamTypeIsNotDecoded() {
        EmbeddedChannel ch = new EmbeddedChannel(new SseDecoder(new ReadClock()));
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        ch.writeInbound(head);
        ch.writeInbound(new DefaultLastHttpContent(buf("overloaded")));
        assertSame(head, ch.readInbound());
        HttpContent body = ch.readInbound();
        assertEquals("overloaded", body.content().toString(StandardCharsets.UTF_8));
        body.release();
        assertFalse(ch.finish());
    }

    @Test
    void lineLongerThanTheLimitIsAFormatError() {
        SseEventParser parser = new SseEventParser(16);
        byte[] line = "data: this line is too long for the limit".getBytes(StandardCharsets.US_ASCII);
        SseFormatException e = org.junit.jupiter.api.Assertions.assertThrows(SseFormatException.class,
                () -> parser.feed(line, 0, line.length, (t, d, i) -> { }));
        assertTrue(e.getMessage().contains("16"));
    }

    @Test
    void anOversizeEventIsOneExceptionEventAfterTheEventsBeforeItAndTheRestOfTheBodyIsDropped() {
        List<Throwable> failures = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new SseDecoder(new ReadClock()), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                failures.add(cause);
            }
        });
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        ch.writeInbound(head);
        assertSame(head, ch.readInbound());
        List<HttpContent> sent = new ArrayList<>();
        sent.add(new DefaultHttpContent(buf("data: a\n\ndata: ")));
        byte[] x = new byte[1024 * 1024];
        Arrays.fill(x, (byte) 'x');
        for (int i = 0; i < 6; i++) { // 6 MiB on one line: past the 4 MiB limit
            sent.add(new DefaultHttpContent(Unpooled.wrappedBuffer(x)));
        }
        sent.add(new DefaultLastHttpContent(buf("\n\n")));
        sent.forEach(ch::writeInbound); // nothing escapes the handler: EmbeddedChannel would rethrow it

        assertEquals("a", ((SseEvent) ch.readInbound()).data());
        assertNull(ch.readInbound(), "no event, no end of stream after the format error");
        assertEquals(1, failures.size());
        assertEquals("SSE line longer than " + SseDecoder.MAX_LINE_BYTES + " bytes", failures.get(0).getMessage());
        sent.forEach(c -> assertEquals(0, c.refCnt()));
        assertFalse(ch.finish());
    }

    private static List<Ev> decode(byte[] bytes, int first, int second) {
        EmbeddedChannel ch = new EmbeddedChannel(new SseDecoder(new ReadClock()));
        List<Ev> events = new ArrayList<>();
        ch.writeInbound(Unpooled.copiedBuffer(bytes, 0, first));
        drain(ch, events);
        ch.writeInbound(Unpooled.copiedBuffer(bytes, first, second - first));
        drain(ch, events);
        ch.writeInbound(Unpooled.copiedBuffer(bytes, second, bytes.length - second));
        drain(ch, events);
        assertFalse(ch.finish());
        return events;
    }

    private static void drain(EmbeddedChannel ch, List<Ev> events) {
        SseEvent e;
        while ((e = ch.readInbound()) != null) {
            events.add(Ev.of(e));
        }
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void eventDataStaysUtf8UntilTextIsAsked() {
        SseEvent e = SseEvent.ofUtf8("message", "[DONE]".getBytes(StandardCharsets.US_ASCII), null, 1, 1);
        assertTrue(e.dataIs("[DONE]"));
        assertFalse(e.dataIs("[DONE"));
        assertEquals("[DONE]", e.data());
        assertEquals(new SseEvent("message", "[DONE]", null, 1, 1), e);
        SseEvent text = new SseEvent("message", "\u00e9", null, 1, 1);
        assertEquals(2, text.dataUtf8().length);
        assertFalse(text.dataIs("e"));
    }
}
