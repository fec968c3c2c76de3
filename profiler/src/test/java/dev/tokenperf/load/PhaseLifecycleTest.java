package dev.tokenperf.load;

import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle both loops share, driven by scripted completions and a scripted clock: no sockets, no sleeps.
 * Times are nanoseconds on the scripted clock; the run origin is 1,000.
 */
@Timeout(10)
class PhaseLifecycleTest {
    private static final long ORIGIN = 1_000;

    private final AtomicLong clock = new AtomicLong(ORIGIN);
    private final RecordSpill spill = RecordSpill.open();
    private final LoadCounters counters = new LoadCounters();

    /** A phase with {@code workers} workers whose stop ends every one of them, as slots and the open loop do. */
    private final class ScriptedPhase extends PhaseLifecycle {
        int stops;
        private final int workers;

        ScriptedPhase(StopCondition stop, PhaseLimits limits, int workers) {
            super(false, stop, limits, workers, ORIGIN, clock::get, counters, spill);
            this.workers = workers;
        }

        @Override
        void stopRequests() {
            stops++;
            for (int i = 0; i < workers; i++) {
                finishedOne();
            }
        }
    }

    @AfterEach
    void closeSpill() {
        spill.close();
    }

    /** A record of a request sent at {@code start} and ended at {@code end} (relative to the origin). */
    private static RequestRecord record(int index, long start, long end, ErrorKind error) {
        return new RequestRecord(index, "r-" + index, false, true, start, start, end, new long[] {end}, null, 8, 4, 8,
                4, "", error == null ? null : new RequestError(error, 0, error.tag()));
    }

    @Test
    void aCountStopEndsWhenTheWorkersDoAndReportsExactTimes() throws Exception {
        ScriptedPhase phase = new ScriptedPhase(StopCondition.requests(2), PhaseLimits.DEFAULT, 1);
        clock.set(ORIGIN + 500);
        phase.markStart();
        phase.collect(record(0, 520, 900, null));
        phase.collect(record(1, 540, 1_300, null));
        phase.finishedOne();
        phase.await();
        PhaseResult result = phase.result();
        assertEquals(0, phase.stops);
        assertEquals(new PhaseResult(2, 520, 540, 500, 1_300, false, 0, 0, 0, null), result);
        assertEquals(2, spill.finish().size());
        assertEquals(2, counters.done());
    }

    @Test
    void theGracePeriodEndCutsWhatIsStillInFlight() throws Exception {
        ScriptedPhase phase = new ScriptedPhase(new StopCondition(0, 100), new PhaseLimits(50, 0, 0), 2);
        phase.markStart(); // issuing ends at 100 after the origin
        phase.collect(record(0, 10, 90, null));
        phase.collect(record(1, 20, 140, null)); // ended after the duration, within the grace period
        clock.set(ORIGIN + 150); // the grace period is over and neither worker is done
        phase.await();
        assertEquals(1, phase.stops);
        assertTrue(phase.isStopping());
        phase.collect(record(2, 30, 160, ErrorKind.CANCELLED)); // the in-flight request, cancelled by the cut
        PhaseResult result = phase.result();
        assertEquals(3, result.recorded(), "the cut request is recorded too");
        assertEquals(1, result.finishedInGrace());
        assertEquals(1, result.cut());
        assertFalse(result.cancelled());
        assertNull(result.abortMessage());
        RequestRecord cut = spill.finish().toList().get(2);
        assertEquals(ErrorKind.CUT, cut.error().kind());
        assertEquals("no response before the grace period ended", cut.error().message());
        assertEquals(3, counters.done());
    }

    @Test
    void requestsInFlightWhenTheFailureThresholdAbortsAreRecordedAsCut() {
        ScriptedPhase phase = new ScriptedPhase(StopCondition.requests(100), new PhaseLimits(0, 1, 0), 1);
        phase.markStart();
        phase.collect(record(0, 1, 2, ErrorKind.HTTP_STATUS));
        phase.collect(record(1, 1, 3, ErrorKind.CANCELLED)); // in flight when the abort came
        phase.dropUnsent(); // scheduled, never sent
        PhaseResult result = phase.result();
        assertEquals(2, result.recorded());
        assertEquals(1, result.cut());
        assertEquals(1, result.unsent());
        RequestRecord cut = spill.finish().toList().get(1);
        assertEquals(ErrorKind.CUT, cut.error().kind());
        assertEquals("in flight when the run was aborted: 1 requests failed (--failed-request-count-threshold 1); "
                + "last: http_status", cut.error().message());
    }

    @Test
    void theFailureThresholdCutsOnceAndSaysWhy() {
        ScriptedPhase phase = new ScriptedPhase(StopCondition.requests(100), new PhaseLimits(0, 2, 0), 1);
        phase.markStart();
        phase.collect(record(0, 1, 2, ErrorKind.HTTP_STATUS));
        assertFalse(phase.isStopping());
        phase.collect(record(1, 3, 4, ErrorKind.HTTP_STATUS));
        phase.collect(record(2, 5, 6, ErrorKind.HTTP_STATUS));
        assertEquals(1, phase.stops);
        assertTrue(phase.isStopping());
        PhaseResult result = phase.result();
        assertEquals("2 requests failed (--failed-request-count-threshold 2); last: http_status",
                result.abortMessage());
        assertFalse(result.cancelled());
    }

    @Test
    void theFailureRatioWaitsForOneOverRFinishedRequestsThenCutsAboveIt() {
        // ratio 0.25: judged from 4 finished requests on; 1 failure of 4 is not above it, 2 of 5 is
        ScriptedPhase phase = new ScriptedPhase(StopCondition.requests(100), new PhaseLimits(0, 0, 0, 0.25), 1);
        phase.markStart();
        phase.collect(record(0, 1, 2, ErrorKind.HTTP_STATUS));
        phase.collect(record(1, 3, 4, null));
        phase.collect(record(2, 5, 6, null));
        phase.collect(record(3, 7, 8, null));
        assertFalse(phase.isStopping(), "1 failed of 4: not above 0.25");
        phase.collect(record(4, 9, 10, ErrorKind.HTTP_STATUS));
        assertTrue(phase.isStopping(), "2 failed of 5: above 0.25");
        assertEquals("2 of 5 requests failed (--failed-request-threshold 0.25); last: http_status",
                phase.result().abortMessage());
    }

    @Test
    void aCancelStopsAndMarksThePhaseInterrupted() throws Exception {
        ScriptedPhase phase = new ScriptedPhase(StopCondition.requests(10), PhaseLimits.DEFAULT, 3);
        phase.markStart();
        phase.cancel();
        phase.await(); // the stop ended all three workers
        assertEquals(1, phase.stops);
        assertTrue(phase.isStopping());
        assertTrue(phase.result().cancelled());
    }
}
