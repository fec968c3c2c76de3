package dev.tokenperf.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import dev.tokenperf.time.Ticker;
import dev.tokenperf.transport.Transport;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens HTTP/1.1 connections to one or several {@link Target}s (TLS for https, optionally without verification)
 * on one shared event loop group, and builds the requests sent on them. One instance per run; targets are named by
 * their position, the first being the one a run with one {@code --url} has. Its methods may be called from any
 * thread, while each connection's pipeline, and every exchange on it, runs on that connection's event loop.
 */
public final class NettyClient implements AutoCloseable {
    private final List<Target> targets;
    private final RequestHeaders headers;
    private final EventLoopGroup group;
    /** One per target: its channels' TLS handler names that target's host. */
    private final Bootstrap[] bootstraps;
    /**
     * Each server's address, looked up once here on the caller's thread: a lookup per connect would run the
     * JDK's blocking resolver on an event loop whenever the load opens a connection mid-run.
     */
    private final InetSocketAddress[] resolved;
    /** Real sockets run in real time: the system clock, the one place this client's clock is chosen. */
    private final Ticker ticker = Ticker.SYSTEM;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger maxOpenConnections = new AtomicInteger();
    /** The loops that connections were registered on: what {@code --client-threads} really gave the run. */
    private final Set<EventLoop> loopsUsed = ConcurrentHashMap.newKeySet();
    private final LongAdder reads = new LongAdder();

    /** A client of one server. */
    public NettyClient(Target target, RequestHeaders headers, boolean insecure, int threads,
                       Duration connectTimeout) {
        this(List.of(target), headers, insecure, threads, connectTimeout);
    }

    /** A client of several servers ({@code --url} repeated) sharing one event loop group. */
    public NettyClient(List<Target> targets, RequestHeaders headers, boolean insecure, int threads,
                       Duration connectTimeout) {
        this.targets = List.copyOf(targets);
        this.headers = headers;
        SslContext tls = sslContext(this.targets, insecure); // before the group: a TLS failure must not leak threads
        this.group = Transport.group(threads, "tokenperf-client");
        this.resolved = new InetSocketAddress[this.targets.size()];
        this.bootstraps = new Bootstrap[this.targets.size()];
        for (int i = 0; i < this.targets.size(); i++) {
            Target target = this.targets.get(i);
            resolved[i] = new InetSocketAddress(target.host(), target.port());
            bootstraps[i] = new Bootstrap()
                    .group(group)
                    .channel(Transport.socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .handler(new ClientChannelInitializer(target, tls, ticker, reads));
        }
    }

    private static SslContext sslContext(List<Target> targets, boolean insecure) {
        if (targets.stream().noneMatch(Target::secure)) {
            return null;
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (insecure) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The first server: the only one of a run with one {@code --url}. */
    public Target target() {
        return targets.get(0);
    }

    /** The server at {@code index} in the order given. */
    public Target target(int index) {
        return targets.get(index);
    }

    /** How many servers this client sends to. */
    public int targetCount() {
        return targets.size();
    }

    public EventLoopGroup group() {
        return group;
    }

    /**
     * The clock that stamps every read on this client's connections. A request's start and failure times must
     * come from the same clock, or TTFT would subtract times of two clocks.
     */
    public Ticker ticker() {
        return ticker;
    }

    /** Starts a connection to the first server ({@link #connect(int)}). */
    public ChannelFuture connect() {
        return connect(0);
    }

    /**
     * Starts a connection to server {@code index}. The future completes on the channel's event loop once the
     * connection can carry a request: after the TLS handshake for https, so that no request's start time includes
     * the handshake.
     */
    public ChannelFuture connect(int index) {
        Target target = targets.get(index);
        ChannelFuture tcp = resolved[index].isUnresolved() ? bootstraps[index].connect(target.host(), target.port())
                : bootstraps[index].connect(resolved[index]);
        tcp.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                maxOpenConnections.accumulateAndGet(openConnections.incrementAndGet(), Math::max);
                loopsUsed.add(f.channel().eventLoop());
                f.channel().closeFuture().addListener(c -> openConnections.decrementAndGet());
            }
        });
        if (!target.secure()) {
            return tcp;
        }
        ChannelPromise ready = tcp.channel().newPromise();
        tcp.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                ready.setFailure(f.cause());
                return;
            }
            f.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    ready.setSuccess();
                } else {
                    ready.setFailure(handshake.cause());
                    f.channel().close();
                }
            });
        });
        return ready;
    }

    /** Network reads on all of this client's connections so far: a sign of activity that costs no wake-up. */
    public long reads() {
        return reads.sum();
    }

    /** How many of the client's event loops have carried a connection so far. */
    public int eventLoopsUsed() {
        return loopsUsed.size();
    }

    /** The most connections open at once since the last call; restarts from the current count. */
    public int takeMaxOpenConnections() {
        return maxOpenConnections.getAndSet(openConnections.get());
    }

    /** A POST to the first server ({@link #post(int, String, byte[], String, boolean)}). */
    public FullHttpRequest post(String route, byte[] jsonBody, String requestId, boolean streaming) {
        return post(0, route, jsonBody, requestId, streaming);
    }

    /**
     * A POST of a prebuilt JSON body to server {@code index}'s {@code route}; the body array is wrapped, not copied.
     */
    public FullHttpRequest post(int index, String route, byte[] jsonBody, String requestId, boolean streaming) {
        Target target = targets.get(index);
        ByteBuf content = Unpooled.wrappedBuffer(jsonBody);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                target.path(route), content);
        request.headers()
                .set(HttpHeaderNames.HOST, target.hostHeader())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, jsonBody.length)
                .set(HttpHeaderNames.ACCEPT, streaming ? "text/event-stream" : "application/json")
                .set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY)
                .set("X-Request-Id", requestId);
        headers.applyTo(request.headers());
        return request;
    }

    /**
     * A one-off GET to the first server on its own connection (used before the run, e.g. for {@code /v1/models}).
     * Completes with the body, or exceptionally with a message naming what failed.
     */
    public CompletableFuture<HttpBody> get(String route, Duration timeout) {
        CompletableFuture<HttpBody> result = new CompletableFuture<>();
        connect().addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            Channel ch = f.channel();
            BodyCollector collector = new BodyCollector(result);
            ch.pipeline().get(ExchangeHandler.class).begin(collector);
            Target target = targets.get(0);
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    target.path(route), Unpooled.EMPTY_BUFFER);
            request.headers().set(HttpHeaderNames.HOST, target.hostHeader())
                    .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
            headers.applyTo(request.headers());
            ch.writeAndFlush(request);
            ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> result.completeExceptionally(
                    new TimeoutException("no answer within " + timeout.toMillis() + " ms")),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((body, error) -> {
                timer.cancel(false);
                ch.close();
            });
        });
        return result;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * A complete non-streamed response.
     *
     * @param status the HTTP status
     * @param text   the body
     * @param date   the server's {@code Date} header, or null
     */
    public record HttpBody(int status, String text, String date) {
    }

    private static final class BodyCollector implements ExchangeListener {
        private final CompletableFuture<HttpBody> result;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status;
        private String date;

        BodyCollector(CompletableFuture<HttpBody> result) {
            this.result = result;
        }

        @Override
        public void onResponse(int status, String contentType, boolean keepAlive, long retryAfterMillis) {
            this.status = status;
        }

        @Override
        public void onDate(String serverDate) {
            this.date = serverDate;
        }

        @Override
        public void onEvent(SseEvent event) {
            body.writeBytes(event.data().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void onBody(ByteBuf content) {
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            body.writeBytes(bytes);
        }

        @Override
        public void onEnd(long arrivalNanos) {
            result.complete(new HttpBody(status, body.toString(StandardCharsets.UTF_8), date));
        }

        @Override
        public void onClosed() {
            result.completeExceptionally(new IOException("connection closed before the response ended"));
        }

        @Override
        public void onFailure(Throwable cause) {
            result.completeExceptionally(cause);
        }
    }
}
