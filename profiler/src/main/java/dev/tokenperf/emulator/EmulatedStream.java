package dev.tokenperf.emulator;

import dev.tokenperf.time.Ticker;
import dev.tokenperf.serving.ServingSchedule;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.concurrent.TimeUnit;

/**
 * Writes one streamed completion on schedule, on its connection's event loop. Every chunk's due time is
 * absolute (request arrival plus {@link ServingSchedule#tokenDueNanos}), so a late wake-up delays the chunks
 * that came due meanwhile (they leave together) but never shifts the later ones: the emulator does not drift.
 * One instance reschedules itself for every chunk, so a stream has one Runnable; each schedule still costs
 * the executor one timer entry. "Now" comes from the {@link Ticker}, so a test scripts the schedule exactly. When
 * asked to, the stream ends with a {@code tokenperf-truth} event carrying the schedule's stage times
 * (clients ignore an event name their API does not use).
 */
final class EmulatedStream implements Runnable {
    private final ChannelHandlerContext ctx;
    private final EmulatorTiming timing;
    private final ServingSchedule schedule;
    private final boolean truthEvent;
    private final EmulatedResponse writer;
    private final long arrivalNanos;
    private final boolean includeUsage;
    private final boolean keepAlive;
    private final EmulatorStats stats;
    private final EmulatorMetrics metrics;
    private final Ticker ticker;
    /**
     * The HTTP codec's own context: a write from it enters the pipeline below the codec's encoder. Content
     * chunks, framed by {@link EmulatedResponse#contentChunk}, go that way, which spares the encoder's three
     * buffers per chunk; the head and the last chunk still pass through the encoder, which framed the head as
     * chunked and so writes the terminating chunk. Both paths share one outbound buffer, so order is kept.
     */
    private final ChannelHandlerContext belowHttpCodec;
    private int nextToken;

    EmulatedStream(ChannelHandlerContext ctx, EmulatorTiming timing, ServingSchedule schedule, boolean truthEvent,
                   EmulatedResponse writer, long arrivalNanos, boolean includeUsage, boolean keepAlive,
                   EmulatorStats stats, EmulatorMetrics metrics, Ticker ticker) {
        this.ctx = ctx;
        this.timing = timing;
        this.schedule = schedule;
        this.truthEvent = truthEvent;
        this.writer = writer;
        this.arrivalNanos = arrivalNanos;
        this.includeUsage = includeUsage;
        this.keepAlive = keepAlive;
        this.stats = stats;
        this.metrics = metrics;
        this.ticker = ticker;
        this.belowHttpCodec = ctx.pipeline().context(HttpServerCodec.class);
    }

    void start() {
        stats.streamStarted();
        byte[] start = writer.startEvents();
        if (start.length > 0) {
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(start)));
        }
        schedule();
    }

    @Override
    public void run() {
        if (!ctx.channel().isActive()) {
            // the client closed the stream: stop generating, as a server aborts a request whose client left
            metrics.aborted();
            stats.streamEnded();
            return;
        }
        long now = ticker.nanoTime();
        int total = writer.outputTokens();
        boolean wrote = false;
        while (nextToken < total) {
            long due = dueOfChunkStartingAt(nextToken);
            if (due > now) {
                break;
            }
            int end = chunkEnd(nextToken);
            // how late the server itself is, so a bench can tell its lateness from the client's
            stats.chunkWritten(nextToken == 0, now - due);
            // the chunk comes framed and goes in below the HTTP encoder (see belowHttpCodec); the void promise
            // spares a promise per chunk, and a failed write still reaches exceptionCaught, which closes
            belowHttpCodec.write(writer.contentChunk(ctx.alloc(), nextToken, end), ctx.voidPromise());
            nextToken = end;
            wrote = true;
        }
        if (nextToken >= total) {
            if (wrote) {
                // the last token leaves now: the events after it pass through the HTTP encoder, which costs time
                ctx.flush();
            }
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(writer.endEvents(includeUsage))),
                    ctx.voidPromise());
            if (truthEvent) {
                ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(ResponseWriter.truthEvent(schedule.toJson()))),
                        ctx.voidPromise());
            }
            byte[] done = writer.doneEvent();
            if (done.length > 0) {
                ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(done)), ctx.voidPromise());
            }
            stats.streamEnded();
            if (keepAlive) {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (wrote) {
            ctx.flush();
        }
        schedule();
    }

    /** A chunk is sent when its last token is due. */
    private long dueOfChunkStartingAt(int firstToken) {
        return arrivalNanos + schedule.tokenDueNanos(chunkEnd(firstToken) - 1);
    }

    /** The end (exclusive) of the chunk starting at {@code firstToken}: no chunk mixes reasoning and answer. */
    private int chunkEnd(int firstToken) {
        int end = Math.min(writer.outputTokens(), firstToken + timing.tokensPerChunk());
        int reasoning = writer.reasoningTokens();
        return firstToken < reasoning ? Math.min(end, reasoning) : end;
    }

    private void schedule() {
        long delay = dueOfChunkStartingAt(nextToken) - ticker.nanoTime();
        ctx.executor().schedule(this, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }
}
