package dev.tokenperf.load;

import dev.tokenperf.measure.RequestTrace;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What every phase, closed or open, does the same way: it starts, collects records, stops (cancelled by the
 * user, or cut by the grace period or the failure threshold), waits with a grace period and reports its result;
 * and it decides, in one place, when a request that met a stale kept-alive connection is resent.
 *
 * <p>Threads: {@link #begin} and {@link #await} run on the runner's thread; {@link #collect},
 * {@link #resendOnFreshConnection} and {@link #finishedOne} on the event loops of the requests' connections;
 * {@link #cancel} on any thread (Ctrl-C's shutdown hook); {@link #cut} on the runner's thread (grace period) or
 * on the event loop that saw the failure threshold reached. State shared between them is volatile or atomic.
 */
abstract class PhaseLifecycle {
    private final StopCondition stop;
    private final PhaseLimits limits;
    private final long originNanos;
    private final LongSupplier clock;
    private final PhaseTally tally;
    private final CountDownLatch done;
    private volatile boolean cancelled;
    private volatile boolean stopping;
    private volatile long startNanos;

    /**
     * @param workers     how many {@link #finishedOne} calls end the phase (its slots, or 1)
     * @param originNanos the run's time origin: results are relative to it
     * @param clock       the monotonic clock, {@code System::nanoTime} outside tests
     */
    PhaseLifecycle(boolean warmup, StopCondition stop, PhaseLimits limits, int workers, long originNanos,
                   LongSupplier clock, LoadCounters counters, RecordSpill spill) {
        this.stop = stop;
        this.limits = limits;
        this.originNanos = originNanos;
        this.clock = clock;
        this.done = new CountDownLatch(workers);
        this.tally = new PhaseTally(warmup, limits, counters, spill, this::cut);
    }

    /** Marks the phase start; a duration stop then ends issuing at start + duration. Returns the start. */
    final long markStart() {
        long start = clock.getAsLong();
        startNanos = start;
        if (stop.durationNanos() > 0) {
            tally.issuingEndedAt(start + stop.durationNanos() - originNanos);
        }
        return start;
    }

    final long startNanos() {
        return startNanos;
    }

    final long now() {
        return clock.getAsLong();
    }

    final StopCondition stop() {
        return stop;
    }

    final PhaseLimits limits() {
        return limits;
    }

    /** True once the phase was cancelled or cut: nothing more is sent, connections are not kept. */
    final boolean isStopping() {
        return stopping;
    }

    final void collect(RequestRecord record) {
        tally.collect(record);
    }

    /** A scheduled request that was never sent because the phase stopped. */
    final void dropUnsent() {
        tally.dropUnsent();
    }

    /**
     * The one resend policy: a request whose attempt the server never processed (see
     * {@link RequestTrace#resendReason}) is resent on a fresh connection, unless the phase is stopping. The
     * attempt is recorded all the same, as {@link ErrorKind#RESENT} with its reason, so the requests the server
     * saw can be counted from the records.
     *
     * @return true when the caller must resend {@code trace.retryCopy()} on a fresh connection
     */
    final boolean resendOnFreshConnection(RequestTrace trace, RequestRecord record, boolean sentOnReusedConnection) {
        String reason = trace.resendReason(record, sentOnReusedConnection);
        if (reason == null || stopping) {
            return false;
        }
        tally.collectResent(record.withError(new RequestError(ErrorKind.RESENT, 0, reason + "; resent on a "
                + "fresh connection (was " + record.error().kind().tag() + ")")));
        return true;
    }

    /** One worker (a slot, or the open loop's last request) is done. */
    final void finishedOne() {
        done.countDown();
    }

    /** Stops issuing and fails in-flight requests as cancelled; the result is marked interrupted. */
    final void cancel() {
        cancelled = true;
        stopping = true;
        stopRequests();
    }

    /** Ends the phase without marking it interrupted: in-flight requests are recorded as cut. */
    final void cut() {
        stopping = true;
        tally.startCutting();
        stopRequests();
    }

    /** Stops issuing and cancels what is in flight; called once per cancel or cut, from any thread. */
    abstract void stopRequests();

    /** Waits for the phase; after a duration stop, cuts what is still in flight once the grace period ends. */
    final void await() throws InterruptedException {
        if (stop.durationNanos() > 0) {
            long waitNanos = startNanos + stop.durationNanos() + limits.gracePeriodNanos() - clock.getAsLong();
            if (!done.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                cut();
            }
        }
        done.await();
    }

    final PhaseResult result() {
        long start = startNanos - originNanos;
        long end = Math.max(start, tally.lastEndNanos());
        return new PhaseResult(tally.recorded(), tally.firstStartNanos(), tally.lastStartNanos(), start, end,
                cancelled, tally.finishedInGrace(), tally.cut(), tally.unsent(), tally.abortMessage());
    }
}
