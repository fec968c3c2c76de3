package dev.tokenperf.emulator;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.serving.ServingPools;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import dev.tokenperf.time.Ticker;
import dev.tokenperf.transport.Transport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible server with known timing ({@link EmulatorTiming}, or a disaggregated
 * {@link ServingModel}), bound to 127.0.0.1 only. It serves {@code /v1/models}, {@code /v1/chat/completions}
 * and {@code /v1/completions}, streamed or not, and its own serving metrics at {@code /metrics}.
 */
public final class EmulatorServer implements AutoCloseable {
    /** Largest request body accepted (long prompts are large). */
    private static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final EmulatorStats stats;

    private final FaultInjection faults;

    private EmulatorServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel, EmulatorStats stats,
                           FaultInjection faults) {
        this.faults = faults;
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.stats = stats;
    }

    /**
     * Starts the emulator on 127.0.0.1.
     *
     * @param port    the port, or 0 for a free one
     * @param threads event loop threads serving the streams
     */
    public static EmulatorServer start(EmulatorTiming timing, int port, int threads) throws InterruptedException {
        return start(timing, ServingModel.DEFAULTS, null, false, EmulatorStall.NONE, port, threads, null);
    }

    /** Starts the emulator serving https with {@code tls}. */
    public static EmulatorServer start(EmulatorTiming timing, int port, int threads, SslContext tls)
            throws InterruptedException {
        return start(timing, ServingModel.DEFAULTS, null, false, EmulatorStall.NONE, port, threads, tls);
    }

    /** Starts the emulator with a one-off stall (see {@link EmulatorStall}). */
    public static EmulatorServer start(EmulatorTiming timing, int port, int threads, EmulatorStall stall)
            throws InterruptedException {
        return start(timing, ServingModel.DEFAULTS, null, false, stall, port, threads, null);
    }

    /**
     * Starts the emulator on 127.0.0.1 with a serving mode and, optionally, stage reports, a stall and TLS.
     *
     * @param model      the serving mode and its queueing model ({@link ServingModel#DEFAULTS}: aggregated)
     * @param reportUrl  where to post each request's stage times ({@code POST /ttft_report}), or null
     * @param truthEvent whether streams end with a {@code tokenperf-truth} SSE event of the stage times
     * @param stall      a one-off stall ({@link EmulatorStall#NONE} for none)
     * @param port       the port, or 0 for a free one
     * @param threads    event loop threads serving the streams
     * @param tls        the server TLS context, or null for plain http
     */
    public static EmulatorServer start(EmulatorTiming timing, ServingModel model, URI reportUrl, boolean truthEvent,
                                       EmulatorStall stall, int port, int threads, SslContext tls)
            throws InterruptedException {
        return start(timing, model, reportUrl, truthEvent, stall, port, threads, tls, PrefixCacheSettings.DISABLED,
                null, FaultInjection.NONE);
    }

    /**
     * Starts the emulator as {@link #start(EmulatorTiming, ServingModel, URI, boolean, EmulatorStall, int, int,
     * SslContext)} does, with a prefix cache when {@code prefixCache} is enabled, and a GPU whose DCGM-like
     * metrics are served at {@code /dcgm/metrics} when {@code gpuPower} is given.
     *
     * @param gpuPower the emulated GPU's power model, or null for no GPU
     * @param faults   which completion requests fail, and how ({@link FaultInjection#NONE} for none)
     */
    public static EmulatorServer start(EmulatorTiming timing, ServingModel model, URI reportUrl, boolean truthEvent,
                                       EmulatorStall stall, int port, int threads, SslContext tls,
                                       PrefixCacheSettings prefixCache, GpuPowerModel gpuPower, FaultInjection faults)
            throws InterruptedException {
        PromptTokenCounter.load();
        Ticker ticker = Ticker.SYSTEM;
        PrefixCache cache = prefixCache.enabled() ? new PrefixCache(prefixCache) : null;
        ServingPools pools = model.mode() == ServingMode.AGGREGATED ? null : new ServingPools(model, ticker.nanoTime());
        StageReportPoster reporter = reportUrl == null ? null : new StageReportPoster(reportUrl);
        EmulatorMetrics metrics = new EmulatorMetrics(timing.modelName());
        EventLoopGroup boss = Transport.group(1, "emulator-accept");
        EventLoopGroup workers = Transport.group(threads, "emulator");
        EmulatorStats stats = new EmulatorStats();
        EmulatedGpu gpu = gpuPower == null ? null : new EmulatedGpu(gpuPower, stats::activeStreams);
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(Transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tls != null) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(new HttpServerCodec(),
                                    new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                    new EmulatorHandler(timing, pools, reporter, truthEvent, metrics, stall,
                                            stats, ticker, cache, gpu, faults));
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            if (gpu != null) {
                gpu.start(boss);
            }
            return new EmulatorServer(boss, workers, channel, stats, faults);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    /** Live counters, for tests and the emulate command. */
    public EmulatorStats stats() {
        return stats;
    }

    /** The failures this server injects, and how many of each it injected so far. */
    public FaultInjection faults() {
        return faults;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The base URL to give {@code --url}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Blocks until the server is closed (by {@link #close()} from another thread or process exit). */
    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().sync();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
