package dev.tokenperf.emulator;

import dev.tokenperf.time.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The last token of a stream leaves in its own flush: the finish, usage and [DONE] events after it pass through
 * the HTTP encoder, and on a cold JVM that took milliseconds, which made the last gap the client measured longer
 * than the configured ITL. Seen at the socket end of the pipeline as the order of writes and flushes.
 */
class EmulatedStreamFlushTest {

    /** Records what reaches the socket: the SSE events each write carries, and "flush". */
    private static final class WireLog extends ChannelOutboundHandlerAdapter {
        final List<String> calls = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf buf) {
                String text = buf.toString(StandardCharsets.UTF_8);
                if (text.contains("finish_reason\":\"length")) {
                    calls.add("finish");
                } else if (text.contains("\"role\"")) {
                    calls.add("role");
                } else if (text.contains("\"content\":")) {
                    calls.add("token");
                }
            }
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            calls.add("flush");
        }
    }

    @Test
    void theLastTokenIsFlushedBeforeTheEventsThatEndTheStream() {
        WireLog wire = new WireLog();
        EmulatorTiming timing = new EmulatorTiming(0, 0, 0, 1, 3, "m");
        EmbeddedChannel channel = new EmbeddedChannel(wire, new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                new EmulatorHandler(timing, null, null, false, new EmulatorMetrics("m"), EmulatorStall.NONE,
                        new EmulatorStats(), Ticker.SYSTEM, null, null, FaultInjection.NONE));
        String body = "{\"model\":\"m\",\"stream\":true,\"max_tokens\":3,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
        channel.writeInbound(Unpooled.copiedBuffer("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                StandardCharsets.UTF_8));
        for (int i = 0; i < 10 && !wire.calls.contains("finish"); i++) {
            channel.runPendingTasks();
        }

        int finish = wire.calls.indexOf("finish");
        int lastToken = wire.calls.lastIndexOf("token");
        assertTrue(finish > 0, wire.calls.toString());
        assertEquals(3, wire.calls.stream().filter("token"::equals).count(), wire.calls.toString());
        assertTrue(wire.calls.subList(lastToken, finish).contains("flush"),
                "a flush between the last token and the finish event: " + wire.calls);
        channel.finishAndReleaseAll();
    }
}
