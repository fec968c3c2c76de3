package dev.tokenperf.load;

import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import io.netty.channel.Channel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One running open-loop phase: each unit of {@link PooledPhase}'s schedule is one request, sent on a pooled
 * connection at its intended time (or when the concurrency cap frees a slot), whether or not the server has
 * answered the earlier ones.
 *
 * <p>Threads: {@link #begin} runs on the runner's thread; {@link #start} on the timer loop or on the loop of the
 * connection whose request ended; stopping is {@link PhaseLifecycle}'s.
 */
final class OpenLoopPhase extends PooledPhase {
    private final OpenPhaseSpec spec;
    private final RequestSender sender;
    private final Set<OpenRequest> active = ConcurrentHashMap.newKeySet();

    OpenLoopPhase(OpenPhaseSpec spec, RequestSender sender, IdlePools idle, SendLag sendLag, LongSupplier clock,
                  LoadCounters counters, RecordSpill spill) {
        super(spec.warmup(), spec.stop(), spec.limits(), sender, idle, sendLag, spec.maxConcurrency(), clock,
                counters, spill);
        this.spec = spec;
        this.sender = sender;
    }

    void begin() {
        beginSchedule(spec.schedule());
    }

    @Override
    void start(int index, long intendedNanos, long readyNanos) {
        RequestPlan.Item item = spec.plan().item(index);
        int server = sender.server(index);
        OpenRequest request = new OpenRequest(this, sender, server, item, spec.requestTimeout());
        RequestTrace trace = sender.trace(index, server, spec.warmup(), item, request);
        trace.intendedStart(intendedNanos);
        request.attach(trace);
        active.add(request);
        dispatch(request, readyNanos);
    }

    @Override
    void finished(OpenRequest request, RequestRecord record, Channel reusable) {
        active.remove(request);
        collect(record);
        release(request.server(), reusable);
        unitDone();
    }

    /** Ends issuing, drops the requests waiting for a free slot and cancels those in flight. */
    @Override
    void stopRequests() {
        endIssuingAndDropWaiting();
        for (OpenRequest request : active) {
            request.cancel();
        }
    }
}
