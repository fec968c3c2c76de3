package dev.tokenperf.load;

import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;

import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects the records of one phase, open or closed, from every event loop: hands each to the run's
 * {@link RecordSpill} (never holding it), counts failures against the threshold, and tells apart requests that
 * finished within the grace period from those cut at its end (recorded as {@link ErrorKind#CUT}: the server did
 * not answer them in time).
 */
final class PhaseTally {
    private final boolean warmup;
    private final PhaseLimits limits;
    private final LoadCounters counters;
    private final Runnable abort;
    private final RecordSpill spill;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong firstStartNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastStartNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong finishedInGrace = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicLong endNanos = new AtomicLong();
    private volatile long issueEndNanos = Long.MAX_VALUE;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private volatile boolean cutting;
    private volatile String abortMessage;

    /**
     * @param spill where the phase's records go
     * @param abort called once, from whichever loop sees the failure threshold reached or the spill refuse a record
     */
    PhaseTally(boolean warmup, PhaseLimits limits, LoadCounters counters, RecordSpill spill, Runnable abort) {
        this.warmup = warmup;
        this.spill = spill;
        this.limits = limits;
        this.counters = counters;
        this.abort = abort;
    }

    /** Marks when a duration stop ends issuing (relative to the run origin); requests ending later are in grace. */
    void issuingEndedAt(long relativeNanos) {
        issueEndNanos = relativeNanos;
    }

    /** From now on, requests that end cancelled were cut by the grace period or an abort. */
    void startCutting() {
        cutting = true;
    }

    void collect(RequestRecord finished) {
        RequestRecord record = finished;
        if (cutting && !record.succeeded() && record.error().kind() == ErrorKind.CANCELLED) {
            cut.incrementAndGet();
            record = record.withError(RequestError.of(ErrorKind.CUT, abortMessage != null
                    ? "in flight when the run was aborted: " + abortMessage
                    : "no response before the grace period ended"));
        } else if (record.endNanos() > issueEndNanos) {
            finishedInGrace.incrementAndGet();
        }
        if (!keep(record)) {
            return;
        }
        recorded.incrementAndGet();
        endNanos.accumulateAndGet(record.endNanos(), Math::max);
        firstStartNanos.accumulateAndGet(record.startNanos(), Math::min);
        lastStartNanos.accumulateAndGet(record.startNanos(), Math::max);
        if (!warmup && counters != null) {
            counters.completed(record.succeeded());
        }
        if (!record.succeeded() && !record.cancelledByClient()) {
            countFailure(record);
        }
    }

    // a ratio only rises on a failure, so both limits are judged here
    private void countFailure(RequestRecord record) {
        long failed = failures.incrementAndGet();
        if (failed == limits.failedRequestThreshold()) {
            abort(failed + " requests failed (--failed-request-count-threshold " + limits.failedRequestThreshold()
                    + "); last: " + record.error().message());
            return;
        }
        double ratio = limits.failedRequestRatio();
        long finished = recorded.get();
        // below 1/ratio finished requests a single failure would exceed any ratio: not yet a share
        if (ratio > 0 && finished >= Math.ceil(1 / ratio) && failed > ratio * finished) {
            abort(failed + " of " + finished + " requests failed (--failed-request-threshold " + ratio
                    + "); last: " + record.error().message());
        }
    }

    /** An attempt that is resent: kept in the records, but not a request's outcome, so not counted as one. */
    void collectResent(RequestRecord record) {
        keep(record);
    }

    /** Hands the record to the spill; false (and the phase aborted) when the spill refused it. */
    private boolean keep(RequestRecord record) {
        try {
            spill.accept(record);
            return true;
        } catch (UncheckedIOException e) {
            // the records cannot be kept (e.g. the disk is full): stop the load rather than measure blind
            abort(e.getMessage());
            return false;
        }
    }

    private void abort(String message) {
        if (aborted.compareAndSet(false, true)) {
            abortMessage = message;
            abort.run();
        }
    }

    /** A request that was scheduled but never sent because the phase was stopped. */
    void dropUnsent() {
        unsent.incrementAndGet();
    }

    /** The message of the failure-threshold abort, or null. */
    String abortMessage() {
        return abortMessage;
    }

    long unsent() {
        return unsent.get();
    }

    long finishedInGrace() {
        return finishedInGrace.get();
    }

    long cut() {
        return cut.get();
    }

    long lastEndNanos() {
        return endNanos.get();
    }

    /** Requests recorded, cut ones included (resent attempts are not: their request is recorded once more). */
    long recorded() {
        return recorded.get();
    }

    /** The earliest send time among collected records, or Long.MAX_VALUE when none. */
    long firstStartNanos() {
        return firstStartNanos.get();
    }

    /** The latest send time among collected records, or Long.MIN_VALUE when none. */
    long lastStartNanos() {
        return lastStartNanos.get();
    }
}
