package dev.tokenperf.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.serving.ServingPools;
import dev.tokenperf.serving.ServingSchedule;
import dev.tokenperf.time.Ticker;
import dev.tokenperf.transport.HttpReplies;
import dev.tokenperf.wire.EmulatorLateness;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Serves one connection of the emulator: routes requests and starts an {@link EmulatedStream} per streamed
 * completion, in the {@link WireFormat} of its route.
 */
final class EmulatorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Response header carrying the emulator's stage times for the request (JSON, milliseconds). */
    static final String TRUTH_HEADER = "X-Tokenperf-Truth";

    private final EmulatorTiming timing;
    private final ServingPools pools;
    private final StageReportPoster reporter;
    private final boolean truthEvent;
    private final EmulatorMetrics metrics;
    private final EmulatorStall stall;
    private final EmulatorStats stats;
    private final Ticker ticker;
    private final PrefixCache prefixCache;
    private final EmulatedGpu gpu;
    private final FaultInjection faults;

    /**
     * @param pools      the disaggregated pools, or null for the aggregated {@link EmulatorTiming} schedule
     * @param reporter   where to post the stage times of each request, or null
     * @param truthEvent whether streams end with a {@code tokenperf-truth} SSE event (the header is always sent)
     * @param metrics    the metrics served at {@code /metrics}, shared by every connection
     * @param stall      a one-off stall of one completion request
     * @param stats      live counters, shared by every connection
     * @param ticker     the clock of request arrivals and token due times
     * @param prefixCache the prefix cache shared by every connection, or null for none
     * @param gpu        the emulated GPU whose DCGM-like metrics are served, or null for none
     * @param faults     which requests fail instead of being served, shared by every connection
     */
    EmulatorHandler(EmulatorTiming timing, ServingPools pools, StageReportPoster reporter, boolean truthEvent,
                    EmulatorMetrics metrics, EmulatorStall stall, EmulatorStats stats, Ticker ticker,
                    PrefixCache prefixCache, EmulatedGpu gpu, FaultInjection faults) {
        this.timing = timing;
        this.pools = pools;
        this.reporter = reporter;
        this.truthEvent = truthEvent;
        this.metrics = metrics;
        this.stall = stall;
        this.stats = stats;
        this.ticker = ticker;
        this.prefixCache = prefixCache;
        this.gpu = gpu;
        this.faults = faults;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long arrivalNanos = ticker.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = new QueryStringDecoder(request.uri()).path();
        switch (path) {
            case "/v1/models" -> {
                if (request.method() != HttpMethod.GET) {
                    sendError(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET", keepAlive);
                    return;
                }
                ObjectNode list = MAPPER.createObjectNode().put("object", "list");
                list.putArray("data").addObject().put("id", timing.modelName()).put("object", "model")
                        .put("owned_by", "tokenperf-emulator");
                sendJson(ctx, HttpResponseStatus.OK, list, keepAlive);
            }
            case "/metrics" -> sendText(ctx, metrics.render(), keepAlive);
            case EmulatedGpu.PATH -> {
                if (gpu == null) {
                    sendError(ctx, HttpResponseStatus.NOT_FOUND, "no emulated GPU (see --emulated-gpu-watts)",
                            keepAlive);
                } else {
                    sendText(ctx, gpu.render(), keepAlive);
                }
            }
            case EmulatorLateness.PATH -> HttpReplies.write(ctx, HttpReplies.response(HttpResponseStatus.OK,
                    HttpHeaderValues.APPLICATION_JSON.toString(),
                    stats.lateness().toJson().getBytes(StandardCharsets.UTF_8)), keepAlive);
            case "/health" -> sendJson(ctx, HttpResponseStatus.OK, MAPPER.createObjectNode().put("status", "ok"),
                    keepAlive);
            default -> {
                WireFormat format = WireFormat.at(path);
                if (format == null) {
                    sendError(ctx, HttpResponseStatus.NOT_FOUND, "no route " + path, keepAlive);
                } else if (request.method() != HttpMethod.POST) {
                    sendError(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST", keepAlive);
                } else {
                    long heldNanos = stall.delayFor(stats.completionReceived());
                    complete(ctx, request, format, arrivalNanos + heldNanos, keepAlive);
                }
            }
        }
    }

    private void complete(ChannelHandlerContext ctx, FullHttpRequest request, WireFormat format, long arrivalNanos,
                          boolean keepAlive) {
        JsonNode body;
        try {
            body = MAPPER.readTree(request.content().toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            sendError(ctx, HttpResponseStatus.BAD_REQUEST, "body is not JSON", keepAlive);
            return;
        }
        if (body == null || !body.isObject()) {
            sendError(ctx, HttpResponseStatus.BAD_REQUEST, "body must be a JSON object", keepAlive);
            return;
        }
        List<String> prompt = PromptTexts.of(body, format);
        int[] promptIds = prefixCache == null ? null : PromptTexts.ids(prompt);
        int promptTokens = promptIds == null ? PromptTexts.count(prompt) : promptIds.length;
        int outputTokens = format.outputTokens(body, timing.defaultMaxTokens());
        if (outputTokens < 1) {
            sendError(ctx, HttpResponseStatus.BAD_REQUEST, "max_tokens must be >= 1", keepAlive);
            return;
        }
        String model = body.path("model").asText(timing.modelName());
        boolean stream = format.streams() && body.path("stream").asBoolean(false);
        InjectedFault fault = faults.next();
        if (fault != null && FaultWriter.write(ctx, fault, format == WireFormat.CHAT, stream, keepAlive)) {
            return;
        }
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        // prefill (and, disaggregated, the KV transfer) is charged for the uncached tokens only
        int cachedTokens = promptIds == null ? -1 : prefixCache.admit(promptIds);
        int computedTokens = promptTokens - Math.max(0, cachedTokens);
        EmulatedResponse writer = switch (format) {
            case CHAT, COMPLETIONS -> new ResponseWriter(format == WireFormat.CHAT, model, promptTokens,
                    cachedTokens, outputTokens, timing.reasoning());
            case RESPONSES -> new ResponsesWriter(model, promptTokens, outputTokens, timing.reasoning());
            case MESSAGES -> new MessagesWriter(model, promptTokens, outputTokens, timing.reasoning());
            case EMBEDDINGS -> null; // answered whole, below
        };
        ServingSchedule schedule = pools == null
                ? ServingSchedule.fixed(timing.ttftNanos(computedTokens), timing.itlNanos())
                : pools.admit(arrivalNanos, computedTokens, outputTokens);
        String truth = schedule.toJson();
        String requestId = request.headers().get("X-Request-Id");
        if (reporter != null && requestId != null) {
            reporter.report(ctx.channel().eventLoop(), requestId, schedule, arrivalNanos, outputTokens);
        }
        // every prompt token is looked up; without a prefix cache every one misses
        metrics.prefixCacheLookup(promptTokens, Math.max(0, cachedTokens));
        long startsInNanos = arrivalNanos + schedule.prefillQueueNanos() - ticker.nanoTime();
        if (startsInNanos > 0) {
            metrics.queued();
            ctx.executor().schedule(() -> metrics.started(true), startsInNanos, TimeUnit.NANOSECONDS);
        } else {
            metrics.started(false);
        }
        // the server has served the request once its last token is due, whatever the client does
        ctx.executor().schedule(() -> metrics.finished(schedule, outputTokens),
                Math.max(0, arrivalNanos + schedule.tokenDueNanos(outputTokens - 1) - ticker.nanoTime()),
                TimeUnit.NANOSECONDS);
        if (stream) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                    .set(TRUTH_HEADER, truth);
            HttpUtil.setTransferEncodingChunked(head, true);
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.writeAndFlush(head);
            new EmulatedStream(ctx, timing, schedule, truthEvent, writer, arrivalNanos, includeUsage, keepAlive, stats,
                    metrics, ticker).start();
        } else {
            long dueAt = arrivalNanos + schedule.tokenDueNanos(outputTokens - 1);
            ctx.executor().schedule(() -> {
                if (ctx.channel().isActive()) {
                    // a whole response is its own first chunk: how late the server is in answering it
                    stats.chunkWritten(true, ticker.nanoTime() - dueAt);
                    sendJson(ctx, HttpResponseStatus.OK, writer == null
                            ? EmbeddingsWriter.response(model, prompt.size(), promptTokens) : writer.fullResponse(),
                            keepAlive, truth);
                } else {
                    metrics.aborted();
                }
            }, Math.max(0, dueAt - ticker.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private static void sendError(ChannelHandlerContext ctx, HttpResponseStatus status, String message,
                                  boolean keepAlive) {
        ObjectNode error = MAPPER.createObjectNode();
        error.putObject("error").put("message", message).put("type", "invalid_request_error")
                .put("code", status.code());
        sendJson(ctx, status, error, keepAlive);
    }

    private static void sendJson(ChannelHandlerContext ctx, HttpResponseStatus status, JsonNode json,
                                 boolean keepAlive) {
        sendJson(ctx, status, json, keepAlive, null);
    }

    private static void sendText(ChannelHandlerContext ctx, String text, boolean keepAlive) {
        HttpReplies.write(ctx, HttpReplies.response(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                text.getBytes(StandardCharsets.UTF_8)), keepAlive);
    }

    private static void sendJson(ChannelHandlerContext ctx, HttpResponseStatus status, JsonNode json,
                                 boolean keepAlive, String truth) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        FullHttpResponse response = HttpReplies.response(status, HttpHeaderValues.APPLICATION_JSON.toString(), bytes);
        if (truth != null) {
            response.headers().set(TRUTH_HEADER, truth);
        }
        HttpReplies.write(ctx, response, keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
