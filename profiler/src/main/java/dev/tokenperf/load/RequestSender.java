package dev.tokenperf.load;

import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.plan.RequestCancellation;
import dev.tokenperf.reports.plan.UrlSelection;
import dev.tokenperf.client.Api;
import dev.tokenperf.client.NettyClient;
import dev.tokenperf.measure.RequestTrace;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Turns planned requests into traces and writes them on connections, the same way for both load models: the
 * exchange is attached, the timeout armed, the start stamped right before the write, and a failed write
 * reported as such (the server never saw the request). With several servers it also says which one each request
 * goes to ({@link #server}). Call {@link #send} on the connection's event loop.
 */
final class RequestSender {
    private final NettyClient client;
    private final EndpointType endpoint;
    private final boolean streaming;
    private final String runId;
    private final long originNanos;
    private final RequestCancellation cancellation;
    private final UrlSelection urls;
    private final long seed;

    /**
     * @param runId        prefix of every request id of this run
     * @param originNanos  the run's time origin: every record is relative to it
     * @param cancellation which measured requests the client gives up on mid-flight, and when
     * @param urls         the servers, in the order of the client's targets, and how requests pick one
     * @param seed         the run's seed, for {@code --url-strategy random}
     */
    RequestSender(NettyClient client, EndpointType endpoint, boolean streaming, String runId, long originNanos,
                  RequestCancellation cancellation, UrlSelection urls, long seed) {
        if (urls.urls().size() != client.targetCount()) {
            throw new IllegalArgumentException(urls.urls().size() + " URLs for a client of " + client.targetCount()
                    + " servers");
        }
        this.urls = urls;
        this.seed = seed;
        this.client = client;
        this.endpoint = endpoint;
        this.streaming = streaming;
        this.runId = runId;
        this.originNanos = originNanos;
        this.cancellation = cancellation;
    }

    NettyClient client() {
        return client;
    }

    long originNanos() {
        return originNanos;
    }

    /** Idle-connection pools for a driver of this sender's servers. */
    IdlePools idlePools() {
        return new IdlePools(client.targetCount());
    }

    /**
     * The server (its position among the client's targets) that unit {@code index} of a phase goes to: a request,
     * or a whole session. Arithmetic only ({@link UrlSelection#indexOf}).
     */
    int server(long index) {
        return urls.indexOf(index, seed);
    }

    /**
     * The trace of request {@code index} of a phase, bound for server {@code server}; its id is sent as
     * {@code X-Request-Id}.
     */
    RequestTrace trace(int index, int server, boolean warmup, RequestPlan.Item item,
                       RequestTrace.Completion completion) {
        String requestId = runId + (warmup ? "-w" : "-") + index;
        RequestTrace trace = new RequestTrace(Api.of(endpoint), index, requestId, warmup, streaming,
                item.requestedInputTokens(), item.requestedOutputTokens(), originNanos, item.requestedOutputTokens(),
                client.ticker(), completion);
        trace.model(item.model());
        if (urls.several()) {
            trace.url(urls.urls().get(server));
        }
        return trace;
    }

    /**
     * Writes the trace's request on {@code ch}, a connection to server {@code server}, arming its cancellation when
     * it is one the client gives up on; returns its armed timeout, to cancel when the request ends. */
    ScheduledFuture<?> send(Channel ch, int server, RequestTrace trace, RequestPlan.Item item, Duration timeout) {
        FullHttpRequest request = client.post(server, endpoint.route(), item.body(), trace.requestId(), streaming);
        ScheduledFuture<?> timer = trace.send(ch, request, trace, timeout);
        if (!trace.isWarmup() && cancellation.chosen(trace.index())) {
            // a no-op when the request has ended by then: the trace records once
            long delayMillis = cancellation.delay().toMillis();
            ch.eventLoop().schedule(() -> trace.giveUp(delayMillis), delayMillis, TimeUnit.MILLISECONDS);
        }
        return timer;
    }
}
