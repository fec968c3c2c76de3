package dev.tokenperf.stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.transport.HttpReplies;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the stage-report API on one connection: {@code POST /ttft_report} merges a JSON report into the
 * {@link StageReportStore}; {@code GET /ttft_report/<id>} returns the merged record (404 when none).
 */
final class StageReportHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String ROUTE = "/ttft_report";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StageReportStore store;

    StageReportHandler(StageReportStore store) {
        this.store = store;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(ROUTE) && request.method() == HttpMethod.POST) {
            try {
                JsonNode report = MAPPER.readTree(request.content().toString(StandardCharsets.UTF_8));
                store.accept(report);
                send(ctx, HttpResponseStatus.OK, Map.of("status", "ok"), keepAlive);
            } catch (IOException | IllegalArgumentException e) {
                send(ctx, HttpResponseStatus.BAD_REQUEST, Map.of("error", String.valueOf(e.getMessage())), keepAlive);
            }
        } else if (path.startsWith(ROUTE + "/") && request.method() == HttpMethod.GET) {
            String id = QueryStringDecoder.decodeComponent(path.substring(ROUTE.length() + 1));
            store.get(id).ifPresentOrElse(
                    times -> send(ctx, HttpResponseStatus.OK, times.asMap(), keepAlive),
                    () -> send(ctx, HttpResponseStatus.NOT_FOUND, Map.of("error", "no report for " + id), keepAlive));
        } else {
            send(ctx, HttpResponseStatus.NOT_FOUND, Map.of("error", "use POST " + ROUTE + " or GET " + ROUTE + "/<id>"),
                    keepAlive);
        }
    }

    private static void send(ChannelHandlerContext ctx, HttpResponseStatus status, Object body, boolean keepAlive) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpReplies.write(ctx, HttpReplies.response(status, HttpHeaderValues.APPLICATION_JSON.toString(), bytes),
                keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
