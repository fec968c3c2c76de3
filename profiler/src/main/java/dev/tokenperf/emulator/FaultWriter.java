package dev.tokenperf.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.transport.HttpReplies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Answers one completion request with an {@link InjectedFault} instead of a completion, at once. */
final class FaultWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FaultWriter() {
    }

    /**
     * Longer than any SSE line limit a client should have (tokenperf's is 4 MiB): an event this long is a broken
     * server, not a long answer.
     */
    static final int OVERSIZE_EVENT_BYTES = 5 * 1024 * 1024;
    /** A lone continuation byte, then a start byte followed by ASCII: invalid UTF-8 twice over. */
    private static final byte[] INVALID_UTF8 = {(byte) 0x80, 'a', (byte) 0xC3, '('};

    /**
     * Answers with {@code fault}; false when it does not apply to this request (an oversize event to an unstreamed
     * request), which is then served as usual.
     */
    static boolean write(ChannelHandlerContext ctx, InjectedFault fault, boolean chat, boolean stream,
                         boolean keepAlive) {
        if (fault.status() != 0) {
            writeError(ctx, fault, keepAlive);
            return true;
        }
        switch (fault) {
            case RESET_BEFORE_HEADERS -> {
                ctx.close();
                return true;
            }
            case SLOW_HEADERS -> {
                // raw bytes below the HTTP encoder (and above TLS, if any): a head that never ends
                ctx.pipeline().context(HttpServerCodec.class).writeAndFlush(Unpooled.copiedBuffer(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n", StandardCharsets.US_ASCII));
                return true;
            }
            case OVERSIZE_EVENT -> {
                if (!stream) {
                    return false;
                }
            }
            default -> {
            }
        }
        String good = chat ? "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" a\"},\"finish_reason\":null}]}"
                : "{\"choices\":[{\"index\":0,\"text\":\" a\",\"finish_reason\":null}]}";
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE,
                stream ? "text/event-stream" : HttpHeaderValues.APPLICATION_JSON.toString());
        HttpUtil.setTransferEncodingChunked(head, true);
        HttpUtil.setKeepAlive(head, keepAlive);
        ctx.write(head);
        ByteBuf bad = bad(fault, chat, stream);
        String first = stream ? "data: " + good + "\n\n" : bad == null ? good.substring(0, good.length() / 2) : "";
        if (!first.isEmpty()) {
            ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(first, StandardCharsets.UTF_8)));
        }
        if (fault == InjectedFault.STALL_MID_STREAM) {
            ctx.flush(); // and nothing more: the client's timeout ends it
            return true;
        }
        if (bad == null) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return true;
        }
        ctx.write(new DefaultHttpContent(bad));
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
        return true;
    }

    /** What follows the first chunk (streamed: a whole event), or null when the connection just closes. */
    private static ByteBuf bad(InjectedFault fault, boolean chat, boolean stream) {
        String prefix = stream ? "data: " : "";
        String suffix = stream ? "\n\n" : "";
        return switch (fault) {
            case MALFORMED_CHUNK -> Unpooled.copiedBuffer(prefix + "{\"choices\":[{\"index\":0," + suffix,
                    StandardCharsets.UTF_8);
            case ERROR_EVENT -> Unpooled.copiedBuffer(prefix + "{\"error\":{\"message\":\"injected error event\","
                    + "\"type\":\"server_error\",\"code\":500}}" + suffix, StandardCharsets.UTF_8);
            case OVERSIZE_EVENT -> {
                byte[] line = new byte[OVERSIZE_EVENT_BYTES];
                Arrays.fill(line, (byte) 'x');
                yield Unpooled.wrappedBuffer(Unpooled.copiedBuffer("data: ", StandardCharsets.US_ASCII),
                        Unpooled.wrappedBuffer(line), Unpooled.copiedBuffer("\n\n", StandardCharsets.US_ASCII));
            }
            case INVALID_UTF8 -> {
                ByteBuf event = Unpooled.buffer();
                String field = chat ? (stream ? "\"delta\":{\"content\":\"" : "\"message\":{\"content\":\"")
                        : "\"text\":\"";
                event.writeCharSequence(prefix + "{\"choices\":[{\"index\":0," + field, StandardCharsets.US_ASCII);
                event.writeBytes(INVALID_UTF8);
                event.writeCharSequence((chat ? "\"}" : "\"") + ",\"finish_reason\":null}]}" + suffix,
                        StandardCharsets.US_ASCII);
                yield event;
            }
            default -> null; // RESET_MID_STREAM: nothing more, the connection closes
        };
    }

    /** vLLM's error answer: the status, and an OpenAI-style body naming the error. */
    private static void writeError(ChannelHandlerContext ctx, InjectedFault fault, boolean keepAlive) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("message", fault.message()).put("type", fault.errorType()).putNull("param")
                .put("code", fault.status());
        var response = HttpReplies.response(HttpResponseStatus.valueOf(fault.status()),
                HttpHeaderValues.APPLICATION_JSON.toString(), body.toString().getBytes(StandardCharsets.UTF_8));
        if (fault == InjectedFault.RATE_LIMIT) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        }
        HttpReplies.write(ctx, response, keepAlive);
    }
}
