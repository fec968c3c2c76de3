package dev.tokenperf.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Last handler of a client pipeline: hands the decoded response to the connection's current
 * {@link ExchangeListener}, and reports closes and failures to it. Anything arriving with no exchange in
 * flight is dropped (and released). One instance per connection; everything here, {@link #begin} included,
 * runs on the connection's event loop, so the listener is called there too.
 */
public final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private final ReadClock clock;
    private ExchangeListener listener;

    public ExchangeHandler(ReadClock clock) {
        this.clock = clock;
    }

    /** Sets the listener of the exchange about to be written; called on the event loop. */
    public void begin(ExchangeListener exchange) {
        this.listener = exchange;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ExchangeListener current = listener;
        try {
            if (current == null) {
                return;
            }
            if (msg instanceof SseEvent event) {
                current.onEvent(event);
                return;
            }
            if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
                // a response the HTTP decoder could not parse: fail it and drop the connection it broke
                listener = null;
                Throwable cause = http.decoderResult().cause();
                current.onFailure(cause instanceof DecoderException ? cause : new DecoderException(cause));
                ctx.close();
                return;
            }
            if (msg instanceof HttpResponse response) {
                String date = response.headers().get(HttpHeaderNames.DATE);
                current.onDate(date);
                current.onResponse(response.status().code(),
                        response.headers().get(HttpHeaderNames.CONTENT_TYPE, ""), HttpUtil.isKeepAlive(response),
                        RetryAfter.millis(response.headers().get(HttpHeaderNames.RETRY_AFTER), date,
                                System::currentTimeMillis));
            }
            if (msg instanceof HttpContent content) {
                if (content.content().isReadable()) {
                    current.onBody(content.content());
                }
                if (msg instanceof LastHttpContent && listener == current) {
                    listener = null;
                    current.onEnd(clock.lastReadNanos());
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ExchangeListener current = listener;
        listener = null;
        if (current != null) {
            current.onClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ExchangeListener current = listener;
        listener = null;
        if (current != null) {
            current.onFailure(cause);
        }
        ctx.close();
    }
}
