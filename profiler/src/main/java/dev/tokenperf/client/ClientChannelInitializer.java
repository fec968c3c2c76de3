package dev.tokenperf.client;

import dev.tokenperf.time.Ticker;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.ssl.SslContext;

import java.util.concurrent.atomic.LongAdder;

/**
 * Builds a client pipeline and nothing else: read timestamps first (before TLS and HTTP decoding), then
 * optional TLS, the HTTP codec, a decompressor, the SSE decoder and the exchange handler. Runs on the new
 * channel's event loop.
 */
public final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final Target target;
    private final SslContext sslContext;
    private final Ticker ticker;
    private final LongAdder reads;

    /**
     * @param ticker the clock that stamps every read; requests must take their start time from the same one
     * @param reads  counts the network reads of every connection
     */
    public ClientChannelInitializer(Target target, SslContext sslContext, Ticker ticker, LongAdder reads) {
        this.target = target;
        this.sslContext = sslContext;
        this.ticker = ticker;
        this.reads = reads;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ReadClock clock = new ReadClock();
        ChannelPipeline p = ch.pipeline();
        p.addLast("timestamps", new ReadTimestampHandler(clock, ticker, reads));
        if (sslContext != null) {
            p.addLast("tls", sslContext.newHandler(ch.alloc(), target.host(), target.port()));
        }
        addDecoders(p, clock);
    }

    /**
     * Adds what follows the read stamps and TLS: the HTTP codec, a decompressor, the SSE decoder and the exchange
     * handler, all reading {@code clock}.
     */
    public static void addDecoders(ChannelPipeline p, ReadClock clock) {
        p.addLast("http", new HttpClientCodec());
        // tokenperf asks for identity; a server that compresses anyway is decoded here, after the read stamps
        p.addLast("inflate", new HttpContentDecompressor());
        p.addLast("sse", new SseDecoder(clock));
        p.addLast("exchange", new ExchangeHandler(clock));
    }
}
