package dev.tokenperf.load;

import dev.tokenperf.client.NettyClient;
import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestRecord;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * One concurrency slot: one connection with at most one request in flight. It sends, waits for the
 * {@link RequestTrace} to finish, and sends the next; it reconnects when the server closed the connection
 * or a failure left it unusable. With several servers the slot keeps one connection per server it has sent to,
 * and each request goes on its own server's; the others wait parked, without a request.
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
    private final IdlePools idlePool;
    /**
     * The slot's idle connection to each server but the current one (null: none). Touched only where
     * {@link #next} runs, one request at a time; the hand-offs between loops are Netty tasks, which order memory.
     */
    private final Channel[] parked;
    /** The server of {@link #channel}. */
    private int server;
    /** Written on the slot's current loop, read by {@link #cancel} on any thread. */
    private volatile Channel channel;
    private boolean channelUsed;
    private boolean sentOnUsedChannel;
    private volatile RequestTrace inFlight;
    private ScheduledFuture<?> timeout;
    private boolean done;

    /** Takes an idle connection to each server from {@code idlePool} when there is one (warmup left them). */
    ConnectionSlot(RequestSender sender, ClosedLoopPhase phase, IdlePools idlePool) {
        this.sender = sender;
        this.client = sender.client();
        this.phase = phase;
        this.idlePool = idlePool;
        this.parked = new Channel[idlePool.servers()];
        for (int i = 0; i < parked.length; i++) {
            parked[i] = idlePool.poll(i);
        }
        this.channel = parked[0];
        parked[0] = null;
        this.channelUsed = channel != null;
    }

    /** Sends the next request of the phase, or finishes the slot when the phase stopped issuing. */
    void next() {
        long index = phase.claim();
        if (index < 0) {
            finishSlot();
            return;
        }
        switchTo(sender.server(index));
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

    /** Makes the slot's connection to {@code next} (if it has one) current, parking the current one. */
    private void switchTo(int next) {
        if (next == server) {
            return;
        }
        parked[server] = channel;
        channel = parked[next];
        parked[next] = null;
        channelUsed = channel != null; // a parked connection has carried a request, or came from the idle pool
        server = next;
    }

    private void sendOnNewConnection(RequestTrace trace) {
        channel = null;
        int target = server;
        client.connect(target).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                channel = f.channel();
                channelUsed = false;
                send(channel, trace);
            } else {
                inFlight = trace;
                trace.notSent(ErrorKind.CONNECT_FAILED, "cannot connect to " + client.target(target) + ": "
                        + f.cause().getMessage());
            }
        });
    }

    private RequestTrace newTrace(int index) {
        return sender.trace(index, server, phase.spec().warmup(), phase.spec().plan().item(index), this);
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
        timeout = sender.send(ch, server, trace, item, phase.spec().requestTimeout());
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
        idlePool.offer(server, channel);
        for (int i = 0; i < parked.length; i++) {
            idlePool.offer(i, parked[i]);
            parked[i] = null;
        }
        channel = null;
        phase.finishedOne();
    }
}
