package dev.tokenperf.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.transport.HttpReplies;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;

/** Answers one completion request with an {@link InjectedFault} instead of a completion, at once. */
final class FaultWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FaultWriter() {
    }

    static void write(ChannelHandlerContext ctx, InjectedFault fault, boolean chat, boolean stream, boolean keepAlive) {
        if (fault.status() != 0) {
            writeError(ctx, fault, keepAlive);
            return;
        }
        if (fault == InjectedFault.RESET_BEFORE_HEADERS) {
            ctx.close();
            return;
        }
        String good = chat ? "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" a\"},\"finish_reason\":null}]}"
                : "{\"choices\":[{\"index\":0,\"text\":\" a\",\"finish_reason\":null}]}";
        String bad = switch (fault) {
            case MALFORMED_CHUNK -> "{\"choices\":[{\"index\":0,";
            case ERROR_EVENT -> "{\"error\":{\"message\":\"injected error event\",\"type\":\"server_error\",\"code\":500}}";
            default -> null; // RESET_MID_STREAM: nothing more, the connection closes
        };
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE,
                stream ? "text/event-stream" : HttpHeaderValues.APPLICATION_JSON.toString());
        HttpUtil.setTransferEncodingChunked(head, true);
        HttpUtil.setKeepAlive(head, keepAlive);
        ctx.write(head);
        String first = stream ? "data: " + good + "\n\n" : bad == null ? good.substring(0, good.length() / 2) : bad;
        ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(first, StandardCharsets.UTF_8)));
        if (bad == null) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (stream) {
            ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer("data: " + bad + "\n\n", StandardCharsets.UTF_8)));
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
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
