package dev.tokenperf.load;

import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.plan.RequestCancellation;
import dev.tokenperf.reports.plan.UrlSelection;
import dev.tokenperf.client.NettyClient;
import dev.tokenperf.reports.record.RecordSpill;
import io.netty.channel.ChannelFuture;

/**
 * Open-loop load: requests are sent at the times a schedule sets (a rate, or a replayed trace), whether
 * or not the server has answered the earlier ones. Use it to measure what users see at a given arrival
 * rate, including queueing when the server falls behind; a closed loop ({@link ClosedLoopDriver}) would
 * instead slow down with the server and hide that delay.
 *
 * <p>Connections come from a pool shared by the phases, one per server: an idle one is reused, a new one is
 * opened when none is idle. Every request records its intended start, so latency is reported both from the actual
 * send and from the intended one.
 */
public final class OpenLoopDriver implements AutoCloseable {
    private final RequestSender sender;
    /** Connections opened before an uncapped phase, so its first requests do not wait for a connect. */
    private static final int PREWARMED_UNCAPPED = 8;
    private static final int MAX_PREWARMED = 64;

    private final IdlePools idle;
    private final SendLag sendLag = new SendLag();
    private volatile PhaseLifecycle current;
    private volatile LoadCounters counters;
    private volatile boolean cancelled;

    /**
     * @param runId       prefix of every request id of this run
     * @param originNanos the run's time origin: every record is relative to it
     * @param cancellation which measured requests the client gives up on mid-flight
     * @param urls        the servers, in the order of the client's targets, and how requests pick one
     * @param seed        the run's seed, for {@code --url-strategy random}
     */
    public OpenLoopDriver(NettyClient client, EndpointType endpoint, boolean streaming, String runId,
                          long originNanos, RequestCancellation cancellation, UrlSelection urls, long seed) {
        this.sender = new RequestSender(client, endpoint, streaming, runId, originNanos, cancellation, urls, seed);
        this.idle = sender.idlePools();
    }

    /** Counts measured requests as they end (for the progress line). */
    public void countInto(LoadCounters liveCounters) {
        this.counters = liveCounters;
    }

    /** The client's dispatch delay over all phases so far. */
    public SendLag sendLag() {
        return sendLag;
    }

    /** Runs one phase to its end (or until {@link #cancel()}); its records go to {@code spill}. */
    public PhaseResult run(OpenPhaseSpec spec, RecordSpill spill) throws InterruptedException {
        OpenLoopPhase phase = new OpenLoopPhase(spec, sender, idle,
                spec.warmup() ? new SendLag() : sendLag, System::nanoTime, counters, spill);
        current = phase;
        if (cancelled) {
            phase.cancel();
        }
        prewarm(spec.maxConcurrency() > 0 ? Math.min(spec.maxConcurrency(), MAX_PREWARMED) : PREWARMED_UNCAPPED);
        phase.begin();
        phase.await();
        return phase.result();
    }

    /**
     * Runs a session phase to its end (or until {@link #cancel()}): sessions started by a schedule or, in a closed
     * loop, as others end; their turns borrow this driver's pooled connections as open-loop requests do.
     */
    public PhaseResult runSessions(SessionPhaseSpec spec, RecordSpill spill) throws InterruptedException {
        SessionPhase phase = new SessionPhase(spec, sender, idle, sendLag, System::nanoTime, counters, spill);
        current = phase;
        if (cancelled) {
            phase.cancel();
        }
        prewarm(spec.maxSessions() > 0 ? Math.min(spec.maxSessions(), MAX_PREWARMED) : PREWARMED_UNCAPPED);
        phase.begin();
        phase.await();
        return phase.result();
    }

    /**
     * Opens connections up to {@code count} idle ones in all, shared evenly by the servers, on the calling thread
     * (never an event loop).
     */
    private void prewarm(int count) throws InterruptedException {
        int servers = idle.servers();
        int each = (count + servers - 1) / servers;
        for (int server = 0; server < servers; server++) {
            for (int i = idle.size(server); i < each && !cancelled; i++) {
                ChannelFuture f = sender.client().connect(server).await();
                if (!f.isSuccess()) {
                    break; // the phase's own connects will report the failure per request
                }
                idle.offer(server, f.channel());
            }
        }
    }

    /** Stops issuing and fails in-flight requests as cancelled; {@link #run} then returns promptly. */
    public void cancel() {
        cancelled = true;
        PhaseLifecycle phase = current;
        if (phase != null) {
            phase.cancel();
        }
    }

    @Override
    public void close() {
        idle.closeAll();
    }
}
