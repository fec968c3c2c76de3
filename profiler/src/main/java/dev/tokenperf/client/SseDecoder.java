package dev.tokenperf.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the body of a {@code text/event-stream} response into {@link SseEvent}s, each stamped with the
 * arrival time of the read that completed it. Other responses pass through untouched. Accepts raw
 * {@link ByteBuf}s too (treated as one endless stream), which is how it is tested.
 *
 * <p>The end of a streamed body is passed on as {@link LastHttpContent#EMPTY_LAST_CONTENT}. One instance per
 * connection, run by the connection's event loop only.
 */
public final class SseDecoder extends ChannelInboundHandlerAdapter {
    /** Lines longer than this are a malformed stream (a chat chunk is a few hundred bytes). */
    public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    /**
     * Where the bytes of a direct (off-heap) buffer are copied for the parser: one per event-loop thread, not
     * one per connection (8 KiB each at 10,000 streams), which is safe because the parser keeps nothing of its
     * input after {@code feed} returns.
     */
    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private final ReadClock clock;
    private final SseEventParser parser = new SseEventParser(MAX_LINE_BYTES);
    private final List<SseEvent> completed = new ArrayList<>(4);
    private final SseEventParser.Utf8Listener collector;
    private boolean streaming;
    /** The current body broke the event-stream format: the rest of it is dropped, not parsed. */
    private boolean broken;

    public SseDecoder(ReadClock clock) {
        this.clock = clock;
        // the one copy of an event's data: its exact UTF-8 bytes, decoded later only if someone needs text
        this.collector = (type, data, length, id) -> completed.add(SseEvent.ofUtf8(type,
                Arrays.copyOf(data, length), id, clock.lastReadNanos(), clock.reads()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response) {
            String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
            streaming = response.status().code() / 100 == 2 && type.toLowerCase().startsWith("text/event-stream");
            broken = false;
            parser.reset();
            if (!(msg instanceof HttpContent)) {
                ctx.fireChannelRead(msg);
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            if (!streaming) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (content.decoderResult().isFailure()) {
                // the HTTP decoder gave up (e.g. a corrupt chunk header): the stream is broken, not finished
                Throwable cause = content.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                streaming = false;
                ctx.fireExceptionCaught(cause instanceof DecoderException ? cause : new DecoderException(cause));
                return;
            }
            boolean last = msg instanceof LastHttpContent;
            try {
                decodeOrBreak(ctx, content.content());
            } finally {
                ReferenceCountUtil.release(msg);
            }
            if (last && broken) {
                streaming = false;
            } else if (last) {
                streaming = false;
                ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
            }
        } else if (msg instanceof ByteBuf buf) {
            try {
                decodeOrBreak(ctx, buf);
            } finally {
                buf.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Decodes, or after a format error drops: the error is passed on once, as an exception event, and never
     * thrown out of this handler; the failed request owns what happens to the connection.
     */
    private void decodeOrBreak(ChannelHandlerContext ctx, ByteBuf buf) {
        if (broken) {
            return;
        }
        try {
            decode(ctx, buf);
        } catch (SseFormatException e) {
            broken = true;
            parser.reset();
            fireCompleted(ctx); // the events before the broken line did arrive whole
            ctx.fireExceptionCaught(e);
        }
    }

    private void decode(ChannelHandlerContext ctx, ByteBuf buf) {
        int length = buf.readableBytes();
        if (length == 0) {
            return;
        }
        if (buf.hasArray()) {
            parser.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), length, collector);
        } else {
            byte[] scratch = SCRATCH.get().atLeast(length);
            buf.getBytes(buf.readerIndex(), scratch, 0, length);
            parser.feed(scratch, 0, length, collector);
        }
        buf.skipBytes(length);
        fireCompleted(ctx);
    }

    private void fireCompleted(ChannelHandlerContext ctx) {
        for (int i = 0; i < completed.size(); i++) {
            ctx.fireChannelRead(completed.get(i));
        }
        completed.clear();
    }

    /** A growable copy buffer. */
    private static final class Scratch {
        private byte[] bytes = new byte[8192];

        byte[] atLeast(int length) {
            if (bytes.length < length) {
                bytes = new byte[Math.max(length, bytes.length * 2)];
            }
            return bytes;
        }
    }
}
