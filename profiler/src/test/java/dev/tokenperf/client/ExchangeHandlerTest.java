package dev.tokenperf.client;

import dev.tokenperf.time.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The decoding pipeline behind the read timestamps: HTTP codec, SSE decoder, exchange handler. */
class ExchangeHandlerTest {

    /** Records what the exchange saw, in order. */
    private static final class Recorder implements ExchangeListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onResponse(int status, String contentType, boolean keepAlive, long retryAfterMillis) {
            calls.add("response " + status);
        }

        @Override
        public void onEvent(SseEvent event) {
            calls.add("event " + event.data());
        }

        @Override
        public void onBody(ByteBuf content) {
            calls.add("body");
        }

        @Override
        public void onEnd(long arrivalNanos) {
            calls.add("end");
        }

        @Override
        public void onClosed() {
            calls.add("closed");
        }

        @Override
        public void onFailure(Throwable cause) {
            calls.add("failure " + cause.getClass().getSimpleName());
        }
    }

    private static EmbeddedChannel pipeline(Recorder recorder) {
        ReadClock clock = new ReadClock();
        ExchangeHandler exchange = new ExchangeHandler(clock);
        EmbeddedChannel ch = new EmbeddedChannel(new ReadTimestampHandler(clock, Ticker.SYSTEM), new HttpClientCodec(),
                new SseDecoder(clock), exchange);
        exchange.begin(recorder);
        // the codec pairs responses with requests, so one goes out first
        ch.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/completions"));
        Object written;
        while ((written = ch.readOutbound()) != null) {
            ReferenceCountUtil.release(written);
        }
        return ch;
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    @Test
    void aWellFormedStreamEnds() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = pipeline(recorder);
        ch.writeInbound(bytes(HEAD + "b\r\ndata: one\n\n\r\n0\r\n\r\n"));
        assertEquals(List.of("response 200", "event one", "end"), recorder.calls);
        assertFalse(ch.finish());
    }

    @Test
    void aCorruptChunkHeaderIsAFailureNotAnEnd() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = pipeline(recorder);
        ch.writeInbound(bytes(HEAD + "b\r\ndata: one\n\n\r\nzz-not-hex\r\ndata: two\n\n\r\n"));
        assertEquals(List.of("response 200", "event one", "failure DecoderException"), recorder.calls);
        assertFalse(ch.isOpen(), "the broken connection is closed, not reused");
        ch.finishAndReleaseAll();
    }
}
