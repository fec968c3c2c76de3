package dev.tokenperf.load;

import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.plan.RequestCancellation;
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
 * reported as such (the server never saw the request). Call {@link #send} on the connection's event loop.
 */
final class RequestSender {
    private final NettyClient client;
    private final EndpointType endpoint;
    private final boolean streaming;
    private final String runId;
    private final long originNanos;
    private final RequestCancellation cancellation;

    /**
     * @param runId        prefix of every request id of this run
     * @param originNanos  the run's time origin: every record is relative to it
     * @param cancellation which measured requests the client gives up on mid-flight, and when
     */
    RequestSender(NettyClient client, EndpointType endpoint, boolean streaming, String runId, long originNanos,
                  RequestCancellation cancellation) {
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

    /** The trace of request {@code index} of a phase; its id is sent as {@code X-Request-Id}. */
    RequestTrace trace(int index, boolean warmup, RequestPlan.Item item, RequestTrace.Completion completion) {
        String requestId = runId + (warmup ? "-w" : "-") + index;
        RequestTrace trace = new RequestTrace(Api.of(endpoint), index, requestId, warmup, streaming,
                item.requestedInputTokens(), item.requestedOutputTokens(), originNanos, item.requestedOutputTokens(),
                client.ticker(), completion);
        trace.model(item.model());
        return trace;
    }

    /**
     * Writes the trace's request on {@code ch}, arming its cancellation when it is one the client gives up on;
     * returns its armed timeout, to cancel when the request ends. */
    ScheduledFuture<?> send(Channel ch, RequestTrace trace, RequestPlan.Item item, Duration timeout) {
        FullHttpRequest request = client.post(endpoint.route(), item.body(), trace.requestId(), streaming);
        ScheduledFuture<?> timer = trace.send(ch, request, trace, timeout);
        if (!trace.isWarmup() && cancellation.chosen(trace.index())) {
            // a no-op when the request has ended by then: the trace records once
            long delayMillis = cancellation.delay().toMillis();
            ch.eventLoop().schedule(() -> trace.giveUp(delayMillis), delayMillis, TimeUnit.MILLISECONDS);
        }
        return timer;
    }
}
