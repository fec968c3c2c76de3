package dev.tokenperf.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** First handler of the pipeline: stamps each network read with {@code System.nanoTime()} as its bytes arrive. */
public final class ReadTimestampHandler extends ChannelInboundHandlerAdapter {
    private final ReadClock clock;

    public ReadTimestampHandler(ReadClock clock) {
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        clock.onRead(System.nanoTime());
        ctx.fireChannelRead(msg);
    }
}
