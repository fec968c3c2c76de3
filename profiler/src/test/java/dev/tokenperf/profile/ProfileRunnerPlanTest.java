package dev.tokenperf.profile;

import dev.tokenperf.load.OpenPhaseSpec;
import dev.tokenperf.load.PhaseResult;
import dev.tokenperf.load.PhaseSpec;
import dev.tokenperf.load.RequestPlan;
import dev.tokenperf.reports.plan.ClientSettings;
import dev.tokenperf.reports.plan.Endpoint;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.plan.InFlightCap;
import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.Shard;
import dev.tokenperf.reports.plan.StopConditions;
import dev.tokenperf.reports.plan.Warmup;
import dev.tokenperf.reports.plan.Workload;
import dev.tokenperf.reports.record.StopReason;
import dev.tokenperf.reports.record.StopReport;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;
import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.ConversationTurn;
import dev.tokenperf.workloads.prompt.PromptSet;
import dev.tokenperf.workloads.prompt.RequestSpec;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the runner turns a plan into phases, and names why the measured phase stopped. */
class ProfileRunnerPlanTest {
    private static final Endpoint ENDPOINT = new Endpoint("http://127.0.0.1:1", "m", EndpointType.CHAT, true,
            List.of(), Map.of(), Duration.ofSeconds(7), false);
    private static final RequestPlan ONE = new RequestPlan(List.of(new RequestPlan.Item(new byte[] {'{', '}'}, 1, 1)));

    private static RunPlan plan(LoadModel load, StopConditions stop, Warmup warmup) {
        return new RunPlan(ENDPOINT, Workload.fixed(8, 4, 0), load, stop, warmup, new ClientSettings(1, 1), null);
    }

    private static PhaseResult measured(long recorded, long cut, String abort, boolean cancelled) {
        return new PhaseResult(recorded, 0, 1, 0, 2, cancelled, 0, cut, 0, abort);
    }

    @Test
    void aClosedPhaseTakesConnectionsRampAndLimitsFromThePlan() {
        PhaseSpec spec = ProfileRunner.closedPhase(plan(new LoadModel.ClosedLoop(6, 0.25),
                new StopConditions(60, 0, 2_000_000_000L, 3), Warmup.NONE), ONE);
        assertEquals(6, spec.concurrency());
        assertEquals(60, spec.stop().requestCount());
        assertEquals(250_000_000L, spec.limits().rampNanos());
        assertEquals(2_000_000_000L, spec.limits().gracePeriodNanos());
        assertEquals(3, spec.limits().failedRequestThreshold());
        assertEquals(Duration.ofSeconds(7), spec.requestTimeout());
    }

    @Test
    void anOpenPhaseIsCappedExactlyWhenItsLoadModelSaysSo() {
        StopConditions stop = StopConditions.requests(10);
        OpenPhaseSpec uncapped = ProfileRunner.openPhase(plan(new LoadModel.OpenLoop(5, ArrivalPattern.CONSTANT, 1, 0,
                0, new InFlightCap(4, false)), stop, Warmup.NONE), List.of(), ONE);
        assertEquals(0, uncapped.maxConcurrency());
        OpenPhaseSpec capped = ProfileRunner.openPhase(plan(new LoadModel.OpenLoop(5, ArrivalPattern.CONSTANT, 1, 0,
                0, new InFlightCap(4, true)), stop, Warmup.NONE), List.of(), ONE);
        assertEquals(4, capped.maxConcurrency());
        List<TraceEntry> trace = List.of(new TraceEntry(1, 0, 10, 2, new long[0]),
                new TraceEntry(2, 500, 10, 2, new long[0]));
        OpenPhaseSpec replay = ProfileRunner.openPhase(plan(new LoadModel.TraceReplay(2, 2, new InFlightCap(2, true)),
                stop, Warmup.NONE), trace, ONE);
        assertEquals(2, replay.maxConcurrency());
        assertEquals(0, replay.schedule().nextOffsetNanos());
        assertEquals(250_000_000L, replay.schedule().nextOffsetNanos());
    }

    @Test
    void aTraceShardReplaysEveryNthEntryAtTheWholeTracesTimes() {
        List<TraceEntry> trace = List.of(new TraceEntry(1, 1000, 10, 2, new long[0]),
                new TraceEntry(2, 1010, 11, 2, new long[0]), new TraceEntry(3, 1100, 12, 2, new long[0]),
                new TraceEntry(4, 1300, 13, 2, new long[0]));
        RunPlan second = plan(new LoadModel.TraceReplay(4, 2, new InFlightCap(1, false)), StopConditions.requests(4),
                Warmup.NONE).sharded(new Shard(1, 2), null).share();
        OpenPhaseSpec replay = ProfileRunner.openPhase(second, trace, ONE);
        assertEquals(5_000_000L, replay.schedule().nextOffsetNanos(), "entry 1: 10 ms after the trace's start, at 2x");
        assertEquals(150_000_000L, replay.schedule().nextOffsetNanos(), "entry 3");
        assertEquals(-1, replay.schedule().nextOffsetNanos());
        PromptSet prompts = new PromptSet(List.of(), List.of(RequestSpec.of("a", 1, 1), RequestSpec.of("b", 1, 1),
                RequestSpec.of("c", 1, 1), RequestSpec.of("d", 1, 1)), "trace");
        assertEquals(List.of("b", "d"), ProfileRunner.shardPrompts(second, prompts).measured().stream()
                .map(r -> r.messages().get(0).content()).toList(), "the prompts of the same entries");
    }

    @Test
    void aSessionShardRunsWholeSessionsAtTheOneProcessPositions() {
        List<Conversation> sessions = List.of("s0", "s1", "s2", "s3", "s4").stream().map(id -> new Conversation(id,
                List.of(new ConversationTurn(id + "-t0", 1, 1, 0), new ConversationTurn(id + "-t1", 1, 1, 0))))
                .toList();
        PromptSet all = PromptSet.ofSessions(List.of(), sessions, "synthetic");
        RunPlan second = plan(new LoadModel.ClosedLoop(2, 0), StopConditions.requests(5), Warmup.NONE)
                .sharded(new Shard(1, 2), null).share();
        PromptSet mine = ProfileRunner.shardPrompts(second, all);
        // one process runs session k mod 5 as its k-th; shard 1 of 2 takes k = 1, 3, 5, 7, 9: s1, s3, s0, s2, s4
        assertEquals(List.of("s1", "s3", "s0", "s2", "s4"), mine.sessions().stream().map(Conversation::id).toList());
        assertEquals(List.of(2, 2, 2, 2, 2), mine.sessions().stream().map(c -> c.turns().size()).toList(),
                "whole sessions, every turn");
        assertEquals(List.of("s1-t0", "s3-t0", "s0-t0", "s2-t0", "s4-t0"), mine.measured().stream()
                .map(r -> r.messages().get(0).content()).toList(), "first turns follow their sessions");
    }

    @Test
    void aWarmupUsesNoMoreConnectionsThanItHasRequests() {
        StopConditions stop = StopConditions.requests(10);
        assertEquals(3, ProfileRunner.warmupConcurrency(plan(new LoadModel.ClosedLoop(8, 0), stop, new Warmup(3, 0))));
        assertEquals(8, ProfileRunner.warmupConcurrency(plan(new LoadModel.ClosedLoop(8, 0), stop,
                new Warmup(0, 1_000_000_000L))));
    }

    @Test
    void theStopReasonIsTheFirstOfInterruptAbortScheduleCountDuration() {
        RunPlan counted = plan(new LoadModel.ClosedLoop(2, 0), StopConditions.requests(10), Warmup.NONE);
        RunPlan timed = plan(new LoadModel.ClosedLoop(2, 0), StopConditions.duration(1, 0), Warmup.NONE);
        RunPlan replay = plan(new LoadModel.TraceReplay(5, 1, new InFlightCap(1, false)), StopConditions.requests(5),
                Warmup.NONE);
        assertEquals(StopReason.INTERRUPTED, ProfileRunner.stopReason(counted, measured(10, 0, "x", true), true));
        assertEquals(StopReason.FAILED_REQUEST_THRESHOLD,
                ProfileRunner.stopReason(counted, measured(3, 1, "3 failed", false), false));
        assertEquals(StopReason.REQUEST_COUNT, ProfileRunner.stopReason(counted, measured(10, 1, null, false), false));
        assertEquals(StopReason.BENCHMARK_DURATION, ProfileRunner.stopReason(timed, measured(4, 0, null, false), false));
        assertEquals(StopReason.SCHEDULE_END, ProfileRunner.stopReason(replay, measured(5, 0, null, false), false));
        StopReport report = ProfileRunner.stopReport(timed, new PhaseResult(4, 0, 1, 0, 2, false, 2, 1, 0, null),
                false);
        assertEquals(new StopReport(StopReason.BENCHMARK_DURATION, 0, 2, 1, null), report);
    }
}
