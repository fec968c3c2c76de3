package dev.tokenperf.client;

import dev.tokenperf.time.Ticker;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of the pipeline: stamps each network read into the connection's {@link ReadClock} with the
 * ticker's time as its bytes arrive, before TLS or HTTP decoding can delay the stamp. Runs on the connection's
 * event loop and allocates nothing.
 */
public final class ReadTimestampHandler extends ChannelInboundHandlerAdapter {
    private final ReadClock clock;
    private final Ticker ticker;

    public ReadTimestampHandler(ReadClock clock, Ticker ticker) {
        this.clock = clock;
        this.ticker = ticker;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        clock.onRead(ticker.nanoTime());
        ctx.fireChannelRead(msg);
    }
}
