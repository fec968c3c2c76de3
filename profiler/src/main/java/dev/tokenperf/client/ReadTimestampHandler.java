package dev.tokenperf.client;

import dev.tokenperf.time.Ticker;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.atomic.LongAdder;

/**
 * First handler of the pipeline: stamps each network read into the connection's {@link ReadClock} with the
 * ticker's time as its bytes arrive, before TLS or HTTP decoding can delay the stamp. Runs on the connection's
 * event loop and allocates nothing.
 */
public final class ReadTimestampHandler extends ChannelInboundHandlerAdapter {
    private final ReadClock clock;
    private final Ticker ticker;
    private final LongAdder reads;

    public ReadTimestampHandler(ReadClock clock, Ticker ticker) {
        this(clock, ticker, new LongAdder());
    }

    /** @param reads counts every read of every connection of the client (striped: loops never contend) */
    public ReadTimestampHandler(ReadClock clock, Ticker ticker, LongAdder reads) {
        this.clock = clock;
        this.ticker = ticker;
        this.reads = reads;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        clock.onRead(ticker.nanoTime());
        reads.increment();
        ctx.fireChannelRead(msg);
    }
}
