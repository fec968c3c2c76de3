package dev.tokenperf.stages;

import dev.tokenperf.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP receiver of {@code --stage-report-port}: accepts servers' TTFT stage reports on 127.0.0.1 and
 * merges them into a {@link StageReportStore}. One event loop thread; reports are small.
 */
public final class StageReportReceiver implements AutoCloseable {
    private static final int MAX_REPORT_BYTES = 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;
    private final StageReportStore store;

    private StageReportReceiver(EventLoopGroup group, Channel channel, StageReportStore store) {
        this.group = group;
        this.channel = channel;
        this.store = store;
    }

    /** Listens on 127.0.0.1:{@code port} (0 picks a free port). */
    public static StageReportReceiver start(int port) throws InterruptedException {
        StageReportStore store = new StageReportStore();
        EventLoopGroup group = Transport.group(1, "stage-reports");
        try {
            Channel channel = new ServerBootstrap().group(group).channel(Transport.serverChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REPORT_BYTES),
                                    new StageReportHandler(store));
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            return new StageReportReceiver(group, channel, store);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public StageReportStore store() {
        return store;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The URL servers post to, e.g. for vLLM's {@code VLLM_TTFT_REPORT_URL}. */
    public URI reportUrl() {
        return URI.create("http://127.0.0.1:" + port() + StageReportHandler.ROUTE);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
