package dev.tokenperf.measure;

import dev.tokenperf.client.Api;
import dev.tokenperf.client.ClientChannelInitializer;
import dev.tokenperf.client.ExchangeHandler;
import dev.tokenperf.client.ReadClock;
import dev.tokenperf.client.ReadTimestampHandler;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.testing.ScriptedTicker;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection with the production decoding pipeline (read stamps, HTTP codec, SSE decoder, exchange
 * handler) on an {@link EmbeddedChannel}, where every read arrives at a time the test scripts. Times are given
 * in milliseconds after the run's origin, and records come back relative to that origin, as in a run.
 */
final class ScriptedConnection {
    /** The run's time origin on the ticker: far from 0, so a forgotten subtraction shows. */
    static final long ORIGIN_NANOS = 7_000_000_000L;

    static final String SSE_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    /** The body's end: the last (empty) HTTP chunk. */
    static final String END = "0\r\n\r\n";

    final ScriptedTicker ticker;
    final EmbeddedChannel channel;
    final List<RequestRecord> records = new ArrayList<>();
    final List<Boolean> reuse = new ArrayList<>();
    private final ExchangeHandler exchange;

    ScriptedConnection(ScriptedTicker ticker) {
        this.ticker = ticker;
        ReadClock clock = new ReadClock();
        this.channel = new EmbeddedChannel(new ReadTimestampHandler(clock, ticker));
        ClientChannelInitializer.addDecoders(channel.pipeline(), clock); // the client's own decoding pipeline
        this.exchange = channel.pipeline().get(ExchangeHandler.class);
    }

    ScriptedConnection() {
        this(new ScriptedTicker(ORIGIN_NANOS));
    }

    static long nanos(double millis) {
        return Math.round(millis * 1_000_000);
    }

    /** A trace of request 0 whose records land in {@link #records}. */
    RequestTrace trace(boolean streaming) {
        return trace(Api.of(EndpointType.CHAT), streaming);
    }

    /** A trace of request 0 of {@code api} whose records land in {@link #records}. */
    RequestTrace trace(Api api, boolean streaming) {
        return new RequestTrace(api, 0, "run-0", false, streaming, 7, 16, ORIGIN_NANOS, 16, ticker,
                (t, record, reuseConnection) -> {
                    records.add(record);
                    reuse.add(reuseConnection);
                });
    }

    /** Writes the trace's request at {@code atMillis}, as the load does: exchange attached, then start stamped. */
    void send(RequestTrace trace, double atMillis) {
        ticker.set(ORIGIN_NANOS + nanos(atMillis));
        exchange.begin(trace);
        trace.started(channel.eventLoop());
        // the codec pairs each response with a request, so one goes out
        channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/completions"));
        Object written;
        while ((written = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(written);
        }
    }

    /** One network read at {@code atMillis} carrying exactly {@code bytes}. */
    void read(double atMillis, String bytes) {
        ticker.set(ORIGIN_NANOS + nanos(atMillis));
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.UTF_8));
    }

    /** One network read at {@code atMillis} carrying exactly {@code bytes}. */
    void readBytes(double atMillis, byte[] bytes) {
        ticker.set(ORIGIN_NANOS + nanos(atMillis));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /** The only record so far. */
    RequestRecord record() {
        if (records.size() != 1) {
            throw new AssertionError("expected exactly one record, got " + records);
        }
        return records.get(0);
    }

    /** One HTTP chunk framing {@code sse}. */
    static String httpChunk(String sse) {
        return Integer.toHexString(sse.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + sse + "\r\n";
    }

    /** An SSE event of {@code json}, ended LF LF, in its own HTTP chunk. */
    static String event(String json) {
        return httpChunk("data: " + json + "\n\n");
    }

    static String content(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}";
    }

    static String contentWithUsage(String text, int completionTokens) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}],"
                + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":" + completionTokens + "}}";
    }

    static String roleOnly() {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}";
    }

    static String finish() {
        return "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}";
    }

    static String usageOnly(int promptTokens, int completionTokens) {
        return "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
                + completionTokens + "}}";
    }

    static String done() {
        return httpChunk("data: [DONE]\n\n");
    }
}
