package dev.tokenperf.load;

import dev.tokenperf.client.NettyClient;
import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestRecord;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * One concurrency slot: one connection with at most one request in flight. It sends, waits for the
 * {@link RequestTrace} to finish, and sends the next; it reconnects when the server closed the connection
 * or a failure left it unusable.
 *
 * <p>Threads: its first {@link #next} runs on the runner's thread (or, under a ramp, on a loop of the group);
 * sends and completions run on its connection's event loop; {@link #cancel} runs on any thread and hands the
 * cancel to that loop.
 */
final class ConnectionSlot implements RequestTrace.Completion {
    /** Pause before the next attempt after a failed connect, so a dead server does not spin the loop. */
    private static final long RECONNECT_BACKOFF_MILLIS = 100;

    private final RequestSender sender;
    private final NettyClient client;
    private final ClosedLoopPhase phase;
    private final Deque<Channel> idlePool;
    /** Written on the slot's current loop, read by {@link #cancel} on any thread. */
    private volatile Channel channel;
    private boolean channelUsed;
    private boolean sentOnUsedChannel;
    private volatile RequestTrace inFlight;
    private ScheduledFuture<?> timeout;
    private boolean done;

    ConnectionSlot(RequestSender sender, ClosedLoopPhase phase, Channel reusable, Deque<Channel> idlePool) {
        this.sender = sender;
        this.client = sender.client();
        this.phase = phase;
        this.channel = reusable;
        this.channelUsed = reusable != null;
        this.idlePool = idlePool;
    }

    /** Sends the next request of the phase, or finishes the slot when the phase stopped issuing. */
    void next() {
        long index = phase.claim();
        if (index < 0) {
            finishSlot();
            return;
        }
        RequestTrace trace = newTrace((int) index);
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            if (ch.eventLoop().inEventLoop()) {
                send(ch, trace);
            } else {
                ch.eventLoop().execute(() -> send(ch, trace));
            }
        } else {
            sendOnNewConnection(trace);
        }
    }

    private void sendOnNewConnection(RequestTrace trace) {
        channel = null;
        client.connect().addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                channel = f.channel();
                channelUsed = false;
                send(channel, trace);
            } else {
                inFlight = trace;
                trace.notSent(ErrorKind.CONNECT_FAILED, "cannot connect to " + client.target() + ": "
                        + f.cause().getMessage());
            }
        });
    }

    private RequestTrace newTrace(int index) {
        return sender.trace(index, phase.spec().warmup(), phase.spec().plan().item(index), this);
    }

    private void send(Channel ch, RequestTrace trace) {
        inFlight = trace;
        sentOnUsedChannel = channelUsed;
        channelUsed = true;
        if (phase.isStopping()) {
            trace.cancel();
            return;
        }
        RequestPlan.Item item = phase.spec().plan().item(trace.index());
        timeout = sender.send(ch, trace, item, phase.spec().requestTimeout());
    }

    @Override
    public void complete(RequestTrace trace, RequestRecord record, boolean reuseConnection) {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        inFlight = null;
        if (!reuseConnection && channel != null) {
            channel.close();
            channel = null;
        }
        if (phase.resendOnFreshConnection(trace, record, sentOnUsedChannel)) {
            sendOnNewConnection(trace.retryCopy());
            return;
        }
        phase.collect(record);
        if (record.error() != null && record.error().kind() == ErrorKind.CONNECT_FAILED) {
            client.group().schedule(this::next, RECONNECT_BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            next();
        }
    }

    /**
     * Fails the in-flight request as cancelled, on its event loop. The trace is read there, and only while the
     * slot is still on that connection: a resend moves the request (with a new trace) to another connection and
     * loop, and this cancel follows it there.
     */
    void cancel() {
        Channel ch = channel;
        if (ch != null) {
            ch.eventLoop().execute(() -> {
                if (channel != ch) {
                    cancel();
                    return;
                }
                RequestTrace trace = inFlight;
                if (trace != null) {
                    trace.cancel();
                }
            });
        }
        // without a channel the request is still connecting: send() sees the stopping phase and cancels it
    }

    private void finishSlot() {
        if (done) {
            return;
        }
        done = true;
        if (channel != null && channel.isActive()) {
            idlePool.offer(channel);
        }
        channel = null;
        phase.finishedOne();
    }
}
