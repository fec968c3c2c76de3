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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that echoes the conversation it was sent (how many user and assistant messages, and a number of its
 * own so no two answers are alike): a 3-session x 4-turn run sends turn k with k user messages and k - 1
 * assistant messages, in turn order, and each assistant message is exactly what the server answered to that
 * session's earlier turn.
 */
class SessionHistoryEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final AtomicInteger answers = new AtomicInteger();
    private final ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();
    /** What the server answered, by the session's first user message and the number of user messages. */
    private final Map<String, String> answered = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        group.shutdownGracefully().syncUninterruptibly();
    }

    @Test
    @Timeout(60)
    void eachTurnCarriesTheHistoryWithTheServersOwnAnswers(@TempDir Path dir) throws Exception {
        Channel server = start();
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + port(server), "--model", "m",
                "--streaming", "--no-client-warmup", "--concurrency", "3", "--conversation-num", "3",
                "--conversation-turn-mean", "4", "--isl", "12", "--osl", "5", "-q", "--output-dir", dir.toString());
        server.close().sync();
        assertEquals(0, run.exitCode(), run.err());

        List<JsonNode> bodies = new ArrayList<>(received);
        assertEquals(12, bodies.size(), "3 sessions x 4 turns, one request each");
        Map<String, Set<Integer>> turnsBySession = new ConcurrentHashMap<>();
        for (JsonNode body : bodies) {
            JsonNode messages = body.path("messages");
            int users = count(messages, "user");
            int assistants = count(messages, "assistant");
            assertEquals(users - 1, assistants, body.toString());
            assertEquals(2 * users - 1, messages.size(), "nothing but the history and the new turn");
            String first = messages.get(0).path("content").asText();
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(i % 2 == 0 ? "user" : "assistant", messages.get(i).path("role").asText(), "turn order");
                if (i % 2 == 1) {
                    assertEquals(answered.get(first + "|" + (i / 2 + 1)), messages.get(i).path("content").asText(),
                            "the assistant message is the server's own answer to that turn");
                }
            }
            turnsBySession.computeIfAbsent(first, k -> new TreeSet<>()).add(users);
        }
        assertEquals(3, turnsBySession.size());
        turnsBySession.values().forEach(turns -> assertEquals(Set.of(1, 2, 3, 4), turns));

        List<JsonNode> records = CliRun.jsonLines(dir.resolve("profile_export.jsonl"));
        Map<String, Set<Integer>> recorded = new ConcurrentHashMap<>();
        records.forEach(r -> recorded.computeIfAbsent(r.path("metadata").path("session_id").asText(),
                k -> new TreeSet<>()).add(r.path("metadata").path("turn_index").asInt()));
        assertEquals(3, recorded.size(), recorded.toString());
        recorded.values().forEach(turns -> assertEquals(Set.of(0, 1, 2, 3), turns));

        JsonNode sessions = CliRun.json(dir.resolve("profile_export_aiperf.json")).path("sessions");
        assertEquals(3, sessions.path("session_count").asInt(), sessions.toString());
        assertEquals(4, sessions.path("turns_per_session").path("avg").asDouble(), 0);
        assertEquals(4, sessions.path("per_turn").size());
        sessions.path("per_turn").forEach(t -> assertEquals(3, t.path("request_count").asInt(), t.toString()));
    }

    private static int count(JsonNode messages, String role) {
        int n = 0;
        for (JsonNode m : messages) {
            n += role.equals(m.path("role").asText()) ? 1 : 0;
        }
        return n;
    }

    private Channel start() throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req)
                                            throws Exception {
                                        if (req.method() == HttpMethod.GET) { // /v1/models: not served
                                            var notFound = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                    HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
                                            notFound.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                                            ctx.writeAndFlush(notFound);
                                            return;
                                        }
                                        echo(ctx, JSON.readTree(req.content().toString(StandardCharsets.UTF_8)));
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /** Streams "users=U assistants=A" and " #n" as two content chunks. */
    private void echo(ChannelHandlerContext ctx, JsonNode body) throws Exception {
        received.add(body);
        JsonNode messages = body.path("messages");
        int users = count(messages, "user");
        String head = "users=" + users + " assistants=" + count(messages, "assistant");
        String tail = " #" + answers.incrementAndGet();
        answered.put(messages.get(0).path("content").asText() + "|" + users, head + tail);
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        HttpUtil.setTransferEncodingChunked(response, true);
        ctx.write(response);
        String events = chunk(head) + chunk(tail) + "data: [DONE]\n\n";
        ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(events, StandardCharsets.UTF_8)));
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static String chunk(String text) throws Exception {
        return "data: {\"choices\":[{\"delta\":{\"content\":" + JSON.writeValueAsString(text) + "}}]}\n\n";
    }

    private static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }
}
