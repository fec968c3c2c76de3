package dev.tokenperf.load;

import dev.tokenperf.client.NettyClient;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * A phase whose requests ({@link OpenRequest}s) borrow connections from the pool the driver's phases share:
 * an idle one is reused, a new one is opened when none is idle, and one that may be reused goes back when its
 * request ends. The open loop and the session loop send this way.
 *
 * <p>Threads: {@link #dispatch} runs on whichever loop plans the request; {@link #release} and
 * {@link #finished} on the loop of the connection whose request ended.
 */
abstract class PooledPhase extends PhaseLifecycle {
    private final NettyClient client;
    private final Deque<Channel> idle;
    private final SendLag sendLag;

    PooledPhase(boolean warmup, StopCondition stop, PhaseLimits limits, RequestSender sender, Deque<Channel> idle,
                SendLag sendLag, LongSupplier clock, LoadCounters counters, RecordSpill spill) {
        super(warmup, stop, limits, 1, sender.originNanos(), clock, counters, spill);
        this.client = sender.client();
        this.idle = idle;
        this.sendLag = sendLag;
    }

    final NettyClient client() {
        return client;
    }

    /**
     * Sends {@code request} on an idle connection (on that connection's loop) or a new one, recording the client's
     * dispatch delay from {@code readyNanos}, the moment it could have gone.
     */
    final void dispatch(OpenRequest request, long readyNanos) {
        Channel ch = pollIdle();
        if (ch != null && ch.eventLoop().inEventLoop()) {
            // the connection lives on this loop: send now, without a hop through the task queue
            sendLag.record(now() - readyNanos);
            request.sendOn(ch, true);
        } else if (ch != null) {
            ch.eventLoop().execute(() -> {
                sendLag.record(now() - readyNanos);
                request.sendOn(ch, true);
            });
        } else {
            sendLag.record(now() - readyNanos);
            client.connect().addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    request.sendOn(f.channel(), false);
                } else {
                    request.connectFailed(f.cause());
                }
            });
        }
    }

    private Channel pollIdle() {
        Channel ch;
        while ((ch = idle.poll()) != null) {
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** Returns a still-open connection to the pool shared by the phases (the driver closes the pool's at the end). */
    final void release(Channel ch) {
        if (ch == null) {
            return;
        }
        if (ch.isActive()) {
            idle.offer(ch);
        }
    }

    /** Called on the request's loop when it ended; {@code reusable} is its connection when it may be reused. */
    abstract void finished(OpenRequest request, RequestRecord record, Channel reusable);
}
