package dev.tokenperf.load;

import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.plan.RequestCancellation;
import dev.tokenperf.reports.plan.UrlSelection;
import dev.tokenperf.client.NettyClient;
import dev.tokenperf.reports.record.RecordSpill;

import java.util.ArrayList;
import java.util.List;

/**
 * Closed-loop load: a fixed number of connections, each sending its next request as soon as the previous
 * one ends, until the phase's stop condition. Connections survive from one phase to the next (warmup
 * warms them). With several servers each slot keeps a connection to each server it has sent to. Use it to
 * measure a server at a fixed concurrency; it cannot show queueing delay that an open-loop (fixed rate) load
 * would, because a slow server slows the load down with it.
 */
public final class ClosedLoopDriver implements AutoCloseable {
    private final RequestSender sender;
    private final IdlePools idle;
    private volatile ClosedLoopPhase current;
    private volatile LoadCounters counters;
    private volatile boolean cancelled;

    /**
     * @param runId       prefix of every request id of this run
     * @param originNanos the run's time origin: every record is relative to it
     * @param cancellation which measured requests the client gives up on mid-flight
     * @param urls        the servers, in the order of the client's targets, and how requests pick one
     * @param seed        the run's seed, for {@code --url-strategy random}
     */
    public ClosedLoopDriver(NettyClient client, EndpointType endpoint, boolean streaming, String runId,
                            long originNanos, RequestCancellation cancellation, UrlSelection urls, long seed) {
        this.sender = new RequestSender(client, endpoint, streaming, runId, originNanos, cancellation, urls, seed);
        this.idle = sender.idlePools();
    }

    /** Runs one phase to its end (or until {@link #cancel()}); its records go to {@code spill}. */
    public PhaseResult run(PhaseSpec spec, RecordSpill spill) throws InterruptedException {
        ClosedLoopPhase phase = new ClosedLoopPhase(spec, sender.originNanos(), System::nanoTime, counters,
                spill);
        current = phase;
        if (cancelled) {
            phase.cancel();
        }
        List<ConnectionSlot> slots = new ArrayList<>(spec.concurrency());
        for (int i = 0; i < spec.concurrency(); i++) {
            slots.add(new ConnectionSlot(sender, phase, idle));
        }
        phase.begin(slots, sender.client().group());
        phase.await();
        return phase.result();
    }

    /** Counts measured requests as they end (for the progress line). */
    public void countInto(LoadCounters liveCounters) {
        this.counters = liveCounters;
    }

    /** Stops issuing and fails in-flight requests as cancelled; {@link #run} then returns promptly. */
    public void cancel() {
        cancelled = true;
        ClosedLoopPhase phase = current;
        if (phase != null) {
            phase.cancel();
        }
    }

    @Override
    public void close() {
        idle.closeAll();
    }
}
