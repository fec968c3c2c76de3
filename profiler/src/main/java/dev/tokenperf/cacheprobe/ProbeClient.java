package dev.tokenperf.cacheprobe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.client.NettyClient;
import dev.tokenperf.client.RequestBodyFactory;
import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.record.RequestRecord;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.FullHttpRequest;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends the probe's requests one at a time, each streamed on a fresh connection, through the profiler's
 * client: the request is built by {@link RequestBodyFactory}, measured by a {@link RequestTrace} whose start is
 * taken as the request is written and whose chunks are stamped when their bytes arrive, as in {@code profile}.
 */
final class ProbeClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private final NettyClient client;
    private final Duration requestTimeout;
    private final long originNanos = System.nanoTime();
    private RequestBodyFactory bodies;
    private int sent;

    ProbeClient(NettyClient client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /** Sets the model sent, looking up the server's first model when {@code model} is null; returns it. */
    String useModel(String model) throws InterruptedException {
        String chosen = model != null ? model : firstModel();
        bodies = new RequestBodyFactory(EndpointType.CHAT, chosen, true, Map.of());
        return chosen;
    }

    /**
     * Sends one chat request and waits for its end, successful or not.
     *
     * @param prompt            the user message
     * @param maxTokens         output tokens to ask for
     * @param countedTokens     the prompt's length as counted here (recorded as the requested input)
     * @param whileWaiting      called with a future that completes when the first token arrives
     * @throws ProbeFailedException when no connection can be made
     */
    Answer send(String prompt, int maxTokens, int countedTokens, Consumer<CompletableFuture<Void>> whileWaiting)
            throws InterruptedException {
        int index = ++sent;
        CompletableFuture<RequestRecord> done = new CompletableFuture<>();
        RequestTrace trace = new RequestTrace(index, "cache-probe-" + index, false, true, countedTokens, maxTokens,
                originNanos, maxTokens, client.ticker(), (t, record, reuse) -> done.complete(record));
        FirstTokenTap tap = new FirstTokenTap(trace);
        byte[] body = bodies.body(prompt, maxTokens);
        Channel ch = connect();
        try {
            FullHttpRequest request = client.post(EndpointType.CHAT.route(), body, trace.requestId(), true);
            ch.eventLoop().execute(() -> {
                ScheduledFuture<?> timer = trace.send(ch, request, tap, requestTimeout);
                done.whenComplete((r, e) -> timer.cancel(false));
            });
            whileWaiting.accept(tap.firstToken());
            RequestRecord record = await(done);
            return new Answer(record, record.serverCachedTokens());
        } finally {
            ch.close();
        }
    }

    private Channel connect() throws InterruptedException {
        ChannelFuture f = client.connect().await();
        if (!f.isSuccess()) {
            throw new ProbeFailedException("cannot connect to " + client.target() + ": " + message(f.cause()));
        }
        return f.channel();
    }

    private String firstModel() throws InterruptedException {
        NettyClient.HttpBody body;
        try {
            body = client.get("/v1/models", LOOKUP_TIMEOUT).get();
        } catch (ExecutionException e) {
            throw new ProbeFailedException("cannot reach " + client.target() + ": " + message(e.getCause()));
        }
        if (body.status() / 100 != 2) {
            throw new ProbeFailedException("GET " + client.target() + "/v1/models answered HTTP " + body.status()
                    + "; pass --model NAME");
        }
        try {
            JsonNode first = MAPPER.readTree(body.text()).path("data").path(0).path("id");
            if (first.isTextual()) {
                return first.asText();
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ProbeFailedException("GET " + client.target() + "/v1/models listed no model id; pass --model NAME");
    }

    private RequestRecord await(CompletableFuture<RequestRecord> done) throws InterruptedException {
        try {
            // the trace's own timer fails the request at the timeout; this bound only guards against a lost end
            return done.get(requestTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProbeFailedException("request to " + client.target() + " did not end: " + message(e));
        }
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * @param record       the request's record
     * @param cachedTokens the server's cached prompt tokens, or -1 when it did not report them
     */
    record Answer(RequestRecord record, int cachedTokens) {
    }
}
