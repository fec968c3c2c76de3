package dev.tokenperf.emulator;

import dev.tokenperf.serving.ServingSchedule;
import dev.tokenperf.testing.ScriptedTicker;
import dev.tokenperf.wire.EmulatorLateness;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The emulator's schedule, exact: with a scripted ticker and the embedded loop's clock moved in step, every
 * content chunk reaches the socket at request arrival + the due time of its last token, and a late wake-up
 * delays only the chunks that came due meanwhile, never the later ones.
 */
class EmulatedStreamScheduleTest {
    private static final long MS = 1_000_000;
    private static final long ARRIVAL = 5_000 * MS;

    /** A content chunk as the socket saw it: when, and the text it carried. */
    record Write(long atNanos, String text) {
    }

    /** Records each content chunk that reaches the socket, stamped with the ticker's time. */
    private static final class WireLog extends ChannelOutboundHandlerAdapter {
        private static final String CONTENT = "\"content\":\"";
        private final ScriptedTicker ticker;
        final List<Write> chunks = new ArrayList<>();

        WireLog(ScriptedTicker ticker) {
            this.ticker = ticker;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf buf) {
                String text = buf.toString(StandardCharsets.UTF_8);
                int at = text.indexOf(CONTENT);
                if (at >= 0 && !text.contains("\"role\"")) {
                    int from = at + CONTENT.length();
                    chunks.add(new Write(ticker.nanoTime() - ARRIVAL, text.substring(from, text.indexOf('"', from))));
                }
            }
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
        }
    }

    private final ScriptedTicker ticker = new ScriptedTicker(ARRIVAL);
    private final WireLog wire = new WireLog(ticker);
    private final EmulatorStats stats = new EmulatorStats();
    private final EmbeddedChannel channel = new EmbeddedChannel(wire, new HttpServerCodec(),
            new ChannelInboundHandlerAdapter());

    /** TTFT 10 ms, ITL 2 ms, 2 tokens a chunk: tokens 0..4 are due at 10, 12, 14, 16, 18 ms. */
    private EmulatedStream startStream() {
        EmulatorTiming timing = new EmulatorTiming(10 * MS, 0, 2 * MS, 2, 5, "m");
        ChannelHandlerContext ctx = channel.pipeline().lastContext();
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        channel.freezeTime(); // the loop's clock moves only with the ticker
        EmulatedStream stream = new EmulatedStream(ctx, timing, ServingSchedule.fixed(timing.ttftNanos(3),
                timing.itlNanos()), false, new ResponseWriter(true, "m", 3, 5), ARRIVAL, false, true, stats,
                new EmulatorMetrics("m"), ticker);
        stream.start();
        return stream;
    }

    /** Runs the loop's timers until none is left, waking each one {@code lateness(wake)} after it was due. */
    private void runTimers(long... latenessPerWake) {
        int wake = 0;
        long wait;
        while ((wait = channel.runScheduledPendingTasks()) >= 0) {
            channel.advanceTimeBy(wait, TimeUnit.NANOSECONDS);
            ticker.advance(wait + (wake < latenessPerWake.length ? latenessPerWake[wake] : 0));
            wake++;
        }
    }

    private static String words(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int j = from; j < to; j++) {
            s.append(ResponseWriter.word(j));
        }
        return s.toString();
    }

    @Test
    void eachChunkLeavesWhenItsLastTokenIsDue() {
        startStream();
        runTimers();

        assertEquals(List.of(new Write(12 * MS, words(0, 2)), new Write(16 * MS, words(2, 4)),
                new Write(18 * MS, words(4, 5))), wire.chunks);
        EmulatorLateness lateness = stats.lateness();
        assertEquals(1, lateness.firstChunkNanos().getTotalCount());
        assertEquals(0, lateness.firstChunkNanos().getMaxValue());
        assertEquals(2, lateness.laterChunksNanos().getTotalCount());
        assertEquals(0, lateness.laterChunksNanos().getMaxValue());
        assertEquals(0, stats.activeStreams(), "the stream ended");
        channel.finishAndReleaseAll();
    }

    @Test
    void aLateWakeUpDelaysOnlyTheChunksDueMeanwhile() {
        startStream();
        runTimers(5 * MS); // the first wake-up, due at 12 ms, runs at 17 ms

        assertEquals(List.of(new Write(17 * MS, words(0, 2)), new Write(17 * MS, words(2, 4)),
                new Write(18 * MS, words(4, 5))), wire.chunks, "the chunk due at 18 ms still leaves at 18 ms");
        Histogram first = stats.lateness().firstChunkNanos();
        assertEquals(first.highestEquivalentValue(5 * MS), first.getMaxValue(), "the first chunk: 5 ms late");
        Histogram later = stats.lateness().laterChunksNanos();
        assertEquals(2, later.getTotalCount());
        assertEquals(later.highestEquivalentValue(MS), later.getMaxValue(), "the second: 1 ms; the third: on time");
        channel.finishAndReleaseAll();
    }
}
