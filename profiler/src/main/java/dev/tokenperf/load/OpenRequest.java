package dev.tokenperf.load;

import dev.tokenperf.client.NettyClient;
import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestRecord;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;

/**
 * One open-loop request on a borrowed connection to its server: writes it, arms its timeout, and on completion
 * gives the connection back to its server's pool (or closes it) and reports to its phase. Runs on the connection's
 * loop.
 */
final class OpenRequest implements RequestTrace.Completion {
    private final PooledPhase phase;
    private final RequestSender sender;
    private final NettyClient client;
    private final int server;
    private final RequestPlan.Item item;
    private final Duration timeout;
    private RequestTrace trace;
    private volatile Channel channel;
    private boolean sentOnReusedChannel;
    private ScheduledFuture<?> timer;

    /** @param server the server it goes to, by its position among the client's targets */
    OpenRequest(PooledPhase phase, RequestSender sender, int server, RequestPlan.Item item, Duration timeout) {
        this.phase = phase;
        this.sender = sender;
        this.client = sender.client();
        this.server = server;
        this.item = item;
        this.timeout = timeout;
    }

    /** The server it goes to, by its position among the client's targets. */
    int server() {
        return server;
    }

    void attach(RequestTrace requestTrace) {
        this.trace = requestTrace;
    }

    /** @param reused whether {@code ch} served an earlier request (it may have gone stale) */
    void sendOn(Channel ch, boolean reused) {
        channel = ch;
        sentOnReusedChannel = reused;
        if (trace.isFinished()) {
            // cancelled while connecting: the connection is still good
            phase.release(server, ch);
            return;
        }
        if (phase.isStopping()) {
            trace.cancel();
            return;
        }
        timer = sender.send(ch, server, trace, item, timeout);
    }

    void connectFailed(Throwable cause) {
        if (!trace.isFinished()) {
            trace.notSent(ErrorKind.CONNECT_FAILED, "cannot connect to " + client.target(server) + ": "
                    + cause.getMessage());
        }
    }

    @Override
    public void complete(RequestTrace finished, RequestRecord record, boolean reuseConnection) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        Channel ch = channel;
        if (phase.resendOnFreshConnection(finished, record, sentOnReusedChannel)) {
            if (ch != null) {
                ch.close();
            }
            channel = null;
            RequestTrace retry = finished.retryCopy();
            attach(retry);
            client.connect(server).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    sendOn(f.channel(), false);
                } else {
                    connectFailed(f.cause());
                }
            });
            return;
        }
        Channel reusable = null;
        if (ch != null) {
            if (reuseConnection && !phase.isStopping()) {
                reusable = ch;
            } else {
                ch.close();
            }
        }
        phase.finished(this, record, reusable);
    }

    /**
     * Fails the request as cancelled on its connection's loop; while it is connecting, sendOn() does it. The
     * trace is read on that loop, and only while the request is still on that connection: a resend moves it
     * (with a new trace) to another connection and loop, and this cancel follows it there.
     */
    void cancel() {
        Channel ch = channel;
        if (ch != null) {
            ch.eventLoop().execute(() -> {
                if (channel == ch) {
                    trace.cancel();
                } else {
                    cancel();
                }
            });
        }
        // without a channel the request is still connecting: sendOn() sets its channel, then sees the stopping
        // phase (set before this cancel) and cancels it
    }
}
