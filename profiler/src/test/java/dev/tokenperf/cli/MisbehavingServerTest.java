package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that misbehaves in every way the client must survive, one behaviour per request in turn: each
 * failure becomes an error record of the right kind, nothing is dropped, and the run still writes results.
 */
class MisbehavingServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD_CHUNK = "data: {\"choices\":[{\"delta\":{\"content\":\" ok\"}}]}\n\n";

    private enum Behaviour {
        OK, HTTP_500, RESET_MID_STREAM, MALFORMED_JSON, ERROR_EVENT, HANG, NO_DONE, OK_THEN_CLOSE,
        RESET_BEFORE_HEADERS, JSON_BODY, HTTP_429
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        group.shutdownGracefully().syncUninterruptibly();
    }

    @Test
    void everyFailureIsRecordedByKindAndTheRunStillWritesResults(@TempDir Path dir) throws Exception {
        Behaviour[] plan = {Behaviour.OK, Behaviour.HTTP_500, Behaviour.RESET_MID_STREAM, Behaviour.MALFORMED_JSON,
                Behaviour.ERROR_EVENT, Behaviour.HANG, Behaviour.NO_DONE};
        Channel server = start(plan);
        int rounds = 2;
        int total = plan.length * rounds;
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port(server), "--model", "m",
                "--streaming", "--concurrency", "1", "--request-count", String.valueOf(total), "--isl", "4",
                "--osl", "2", "--request-timeout", "0.5", "--output-dir", dir.toString());
        server.close().sync();
        assertEquals(0, run.exitCode(), run.err());

        List<String> lines = Files.readAllLines(dir.resolve("profile_export.jsonl"));
        assertEquals(total, lines.size(), "no request is dropped");
        Map<String, Integer> kinds = new HashMap<>();
        for (String line : lines) {
            JsonNode error = JSON.readTree(line).path("error");
            kinds.merge(error.isNull() ? "ok" : error.path("type").asText(), 1, Integer::sum);
        }
        assertEquals(Map.of(
                "ok", 2 * rounds,                       // OK and a stream ending without [DONE]
                "http_status", rounds,
                "connection_reset", rounds,
                "malformed_response", rounds,
                "server_error", rounds,
                "timeout", rounds), kinds);

        JsonNode summary = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        assertEquals(5 * rounds, summary.path("error_request_count").path("avg").asInt());
        assertEquals(5, summary.path("error_summary").size());
        String http = summary.path("error_summary").toString();
        assertTrue(http.contains("\"code\":500") && http.contains("model overloaded"), http);
        assertTrue(run.out().contains("error timeout"), run.out());
    }

    @Test
    void aRunWhereEveryRequestFailsExitsOneWithTheReason(@TempDir Path dir) throws Exception {
        Channel server = start(new Behaviour[] {Behaviour.HTTP_500});
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port(server), "--model", "m",
                "--streaming", "--request-count", "3", "--isl", "4", "--output-dir", dir.toString());
        server.close().sync();
        assertEquals(ExitCodes.RUN_FAILED, run.exitCode());
        assertTrue(run.err().contains("every request failed") && run.err().contains("HTTP 500"), run.err());
        assertEquals(3, Files.readAllLines(dir.resolve("profile_export.jsonl")).size(), "results are still written");
    }

    @Test
    void aServerThatClosesKeptAliveConnectionsCostsNoRequest(@TempDir Path dir) throws Exception {
        Channel server = start(new Behaviour[] {Behaviour.OK_THEN_CLOSE});
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port(server), "--model", "m",
                "--streaming", "--concurrency", "2", "--request-count", "20", "--isl", "4",
                "--output-dir", dir.toString());
        server.close().sync();
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        assertEquals(20, summary.path("request_count").path("avg").asInt(), run.out());
        assertEquals(0, summary.path("error_request_count").path("avg").asInt(), run.out());
        assertEquals(20, requests.get(), "each request reached the server exactly once");
    }

    @Test
    void aServerThatClosesKeptAliveConnectionsCostsNoRequestInOpenLoop(@TempDir Path dir) throws Exception {
        Channel server = start(new Behaviour[] {Behaviour.OK_THEN_CLOSE});
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port(server), "--model", "m",
                "--streaming", "--request-rate", "4000", "--arrival-pattern", "constant", "--request-count", "200",
                "--isl", "4", "-q", "--output-dir", dir.toString());
        server.close().sync();
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        assertEquals(200, summary.path("request_count").path("avg").asInt(), run.out());
        assertEquals(0, summary.path("error_request_count").path("avg").asInt(), run.out());
        assertEquals(200, requests.get(), "each request reached the server exactly once");
    }

    @Test
    void resetsBeforeHeadersAreResentAtMostOnceAndEveryAttemptIsRecorded(@TempDir Path dir) throws Exception {
        Channel server = start(new Behaviour[] {Behaviour.OK, Behaviour.RESET_BEFORE_HEADERS});
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port(server), "--model", "m",
                "--streaming", "--concurrency", "1", "--request-count", "10", "--isl", "4", "--osl", "2",
                "--output-dir", dir.toString());
        server.close().sync();
        assertEquals(0, run.exitCode(), run.err());

        List<String> lines = Files.readAllLines(dir.resolve("profile_export.jsonl"));
        assertEquals(requests.get(), lines.size(), "one record per request the server received");
        JsonNode summary = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        long resent = summary.path("resent_request_count").asLong();
        long failed = summary.path("error_request_count").path("avg").asLong();
        long ok = summary.path("request_count").path("avg").asLong();
        assertEquals(10, ok + failed, "every request has one outcome");
        assertEquals(requests.get(), ok + failed + resent, "the server's count, explained by the results");
        assertTrue(resent > 0 && resent <= 10, "each request resent at most once: " + resent);
        assertTrue(summary.path("error_summary").toString().contains("\"type\":\"resent\""), summary.toString());
        assertTrue(run.out().contains("warning: " + resent + " attempt(s) resent"), run.out());
    }

    @Test
    void requestsCutAtTheGracePeriodAreRecordedAsErrors(@TempDir Path dir) throws Exception {
        Channel server = start(new Behaviour[] {Behaviour.OK, Behaviour.OK, Behaviour.HANG});
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port(server), "--model", "m",
                "--streaming", "--concurrency", "3", "--benchmark-duration", "0.5", "--benchmark-grace-period", "0",
                "--isl", "4", "--osl", "2", "--request-timeout", "60", "-q", "--output-dir", dir.toString());
        server.close().sync();

        List<String> lines = Files.readAllLines(dir.resolve("profile_export.jsonl"));
        assertEquals(requests.get(), lines.size(), "one record per request the server received");
        long cut = lines.stream().filter(l -> l.contains("\"type\":\"cut\"")).count();
        assertTrue(cut > 0, "a hung request is cut, not lost");
        JsonNode summary = JSON.readTree(dir.resolve("profile_export_aiperf.json").toFile());
        assertEquals(cut, summary.path("error_request_count").path("avg").asLong());
        assertEquals(cut, summary.path("stop").path("cut_at_grace").asLong());
        assertTrue(run.out().contains(cut + " cut (counted as errors)"), run.out());
    }

    @Test
    void aWholeBodyAnsweringEveryStreamingRequestFailsTheRun(@TempDir Path dir) throws Exception {
        Channel server = start(new Behaviour[] {Behaviour.JSON_BODY});
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port(server), "--model", "m",
                "--streaming", "--request-count", "3", "--isl", "4", "--output-dir", dir.toString());
        server.close().sync();
        assertEquals(ExitCodes.RUN_FAILED, run.exitCode(), run.out());
        assertTrue(run.err().contains("every request failed (3): not_streamed"), run.err());
    }

    @Test
    void theBackOffTheServerAskedForIsRecordedAndShown(@TempDir Path dir) throws Exception {
        Channel server = start(new Behaviour[] {Behaviour.OK, Behaviour.HTTP_429});
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port(server), "--model", "m",
                "--streaming", "--concurrency", "1", "--request-count", "6", "--isl", "4",
                "--output-dir", dir.toString());
        server.close().sync();
        assertEquals(0, run.exitCode(), run.err());
        long withRetryAfter = Files.readAllLines(dir.resolve("profile_export.jsonl")).stream()
                .filter(l -> l.contains("\"retry_after_s\":2.5")).count();
        assertEquals(3, withRetryAfter);
        assertTrue(run.out().contains("the server asked to back off 7.5 s in total (Retry-After)"), run.out());
    }

    private Channel start(Behaviour[] plan) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        if (req.method() == HttpMethod.GET) { // /v1/models: not served
                                            var notFound = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                    HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
                                            notFound.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                                            ctx.writeAndFlush(notFound);
                                            return;
                                        }
                                        respond(ctx, plan[requests.getAndIncrement() % plan.length]);
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    private static void respond(ChannelHandlerContext ctx, Behaviour behaviour) {
        switch (behaviour) {
            case HTTP_500 -> {
                var body = Unpooled.copiedBuffer("{\"error\":{\"message\":\"model overloaded\"}}", StandardCharsets.UTF_8);
                var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.INTERNAL_SERVER_ERROR, body);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                ctx.writeAndFlush(response);
            }
            case HTTP_429 -> {
                var body = Unpooled.copiedBuffer("{\"error\":{\"message\":\"slow down\"}}", StandardCharsets.UTF_8);
                var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.TOO_MANY_REQUESTS, body);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.RETRY_AFTER, "2.5")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                ctx.writeAndFlush(response);
            }
            case JSON_BODY -> {
                var body = Unpooled.copiedBuffer("{\"choices\":[{\"index\":0,\"message\":{\"content\":\" ok\"}}]}",
                        StandardCharsets.UTF_8);
                var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                ctx.writeAndFlush(response);
            }
            case RESET_BEFORE_HEADERS -> ctx.close();
            case HANG -> {
                // never answers: the client's timeout must fire
            }
            default -> {
                ctx.write(streamHead());
                switch (behaviour) {
                    case OK -> finish(ctx, GOOD_CHUNK + GOOD_CHUNK + "data: [DONE]\n\n");
                    case NO_DONE -> finish(ctx, GOOD_CHUNK + GOOD_CHUNK);
                    case OK_THEN_CLOSE -> {
                        // as llama-server does: advertises keep-alive, then closes after the stream
                        ctx.write(content(GOOD_CHUNK + "data: [DONE]\n\n"));
                        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> ctx.close());
                    }
                    case MALFORMED_JSON -> finish(ctx, GOOD_CHUNK + "data: {\"choices\":[{\"delta\":\n\n");
                    case ERROR_EVENT -> finish(ctx, GOOD_CHUNK + "data: {\"error\":{\"message\":\"oom\"}}\n\n");
                    case RESET_MID_STREAM -> ctx.writeAndFlush(content(GOOD_CHUNK)).addListener(f -> ctx.close());
                    default -> throw new IllegalStateException(behaviour.name());
                }
            }
        }
    }

    private static HttpResponse streamHead() {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        HttpUtil.setTransferEncodingChunked(head, true);
        return head;
    }

    private static void finish(ChannelHandlerContext ctx, String events) {
        ctx.write(content(events));
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static DefaultHttpContent content(String s) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    private static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }
}
