package dev.tokenperf.emulator;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingSchedule;
import dev.tokenperf.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Posts the emulator's stage times to a TTFT-report receiver in vLLM's experimental format
 * ({@code POST /ttft_report}, JSON with {@code role}, {@code request_id} and {@code *_time_ms} fields), at
 * the moments a real server would: the prefill queue time when prefill starts, the prefill compute time in
 * two halves when prefill ends (as chunked prefill reports it), and, when the first token comes from
 * decode, the transfer, decode-queue and first-step times once the response has ended. Only stages on the
 * way to the first token are reported. Posting is asynchronous on the serving event loop, over one
 * kept-alive connection per loop; a failed post is dropped, because the emulator must keep serving.
 */
final class StageReportPoster {
    private final URI url;
    private final String hostHeader;
    /** Looked up once here: a lookup per connect would block the emulator's event loop on the JDK resolver. */
    private final InetSocketAddress address;
    /** One connection per serving event loop, touched only from that loop. */
    private final Map<EventLoop, ChannelFuture> connections = new ConcurrentHashMap<>();

    /** @param url the receiver's report URL, e.g. {@code http://127.0.0.1:9000/ttft_report} */
    StageReportPoster(URI url) {
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("stage report URL must be http://host:port/path, got " + url);
        }
        this.url = url;
        this.hostHeader = url.getHost() + ":" + port();
        this.address = new InetSocketAddress(url.getHost(), port());
    }

    /** Schedules the reports of one request, whose schedule started at {@code arrivalNanos}. */
    void report(EventLoop loop, String requestId, ServingSchedule s, long arrivalNanos, int outputTokens) {
        String id = requestId.replace("\\", "\\\\").replace("\"", "\\\"");
        at(loop, arrivalNanos + s.prefillQueueNanos(), "{\"role\":\"pd\",\"request_id\":\"" + id
                + "\",\"prefill_queue_time_ms\":" + ms(s.prefillQueueNanos()) + "}");
        long half = s.prefillComputeNanos() / 2;
        long prefillEnd = arrivalNanos + s.prefillQueueNanos() + s.prefillComputeNanos();
        String part = "{\"role\":\"pd\",\"request_id\":\"" + id + "\",\"prefill_compute_time_ms\":";
        at(loop, prefillEnd, part + ms(half) + "}");
        at(loop, prefillEnd, part + ms(s.prefillComputeNanos() - half) + "}");
        if (s.mode() == ServingMode.DISAGG_DECODE_FIRST) {
            at(loop, arrivalNanos + s.tokenDueNanos(outputTokens - 1), "{\"role\":\"meta\",\"request_id\":\"" + id
                    + "\",\"kv_transfer_time_ms\":" + ms(s.kvTransferNanos())
                    + ",\"decode_queue_time_ms\":" + ms(s.decodeQueueNanos())
                    + ",\"decode_first_step_time_ms\":" + ms(s.stepNanos()) + "}");
        }
    }

    private void at(EventLoop loop, long dueNanos, String json) {
        loop.schedule(() -> post(loop, json), Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void post(EventLoop loop, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        connection(loop).addListener((ChannelFuture f) -> {
            if (!f.isSuccess() || !f.channel().isActive()) {
                return; // no receiver: the report is dropped, the emulator keeps serving
            }
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                    url.getRawPath().isEmpty() ? "/" : url.getRawPath(), Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, hostHeader)
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            f.channel().writeAndFlush(request).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        });
    }

    /**
     * The kept-alive connection of this event loop to the receiver, opened on first use and again after it
     * closed. Reports are pipelined on it and their answers dropped, so a report costs one small write.
     */
    private ChannelFuture connection(EventLoop loop) {
        ChannelFuture current = connections.get(loop);
        if (current != null && (!current.isDone() || current.channel().isActive())) {
            return current;
        }
        ChannelFuture opened = new Bootstrap().group(loop).channel(Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new SimpleChannelInboundHandler<HttpObject>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                // answers carry nothing the emulator needs
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .connect(address);
        connections.put(loop, opened);
        return opened;
    }

    private int port() {
        return url.getPort() < 0 ? 80 : url.getPort();
    }

    private static String ms(long nanos) {
        return String.format(Locale.US, "%.6f", nanos / 1e6);
    }
}
