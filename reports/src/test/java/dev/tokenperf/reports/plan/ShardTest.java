package dev.tokenperf.reports.plan;

import dev.tokenperf.workloads.schedule.ArrivalPattern;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The split of a run's load over shards: exact parts that add up to the whole, and every flag rule. */
class ShardTest {
    private static final Endpoint ENDPOINT = new Endpoint("http://127.0.0.1:8000", "m", EndpointType.CHAT, true,
            List.of(), Map.of(), Duration.ofSeconds(10), false);

    private static RunPlan plan(LoadModel load, long requestCount) {
        return new RunPlan(ENDPOINT, Workload.fixed(16, 4, 7), load, new StopConditions(requestCount, 0, 0, 0),
                new Warmup(2, 0), new ClientSettings(1, 1), null);
    }

    @Test
    void countsSplitIntoPartsThatDifferByAtMostOneAndAddUp() {
        assertEquals(List.of(4L, 3L, 3L), IntStream.range(0, 3).mapToObj(i -> new Shard(i, 3).share(10)).toList());
        assertEquals(List.of(1L, 1L, 0L), IntStream.range(0, 3).mapToObj(i -> new Shard(i, 3).share(2)).toList());
        for (int n = 1; n <= 7; n++) {
            for (long total = 0; total <= 30; total++) {
                long sum = 0;
                long max = Long.MIN_VALUE;
                long min = Long.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    long part = new Shard(i, n).share(total);
                    sum += part;
                    max = Math.max(max, part);
                    min = Math.min(min, part);
                }
                assertEquals(total, sum, total + " over " + n);
                assertEquals(total % n == 0 ? 0 : 1, max - min, total + " over " + n);
            }
        }
    }

    @Test
    void aClosedLoopShareTakesItsConcurrencyAndRequestCount() {
        RunPlan whole = plan(new LoadModel.ClosedLoop(7, 1.5), 100);
        RunPlan second = whole.sharded(new Shard(1, 3), null).share();
        assertEquals(new LoadModel.ClosedLoop(2, 1.5), second.load());
        assertEquals(33, second.stop().requestCount());
        assertEquals(34, whole.sharded(new Shard(0, 3), null).share().stop().requestCount());
        assertEquals(whole.warmup(), second.warmup(), "each shard runs its own warmup");
        assertSame(whole, whole.share());
    }

    @Test
    void aShardWithNothingToDoIsRefusedNamingTheFlag() {
        RunPlan whole = plan(new LoadModel.ClosedLoop(2, 0), 100).sharded(new Shard(2, 3), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, whole::share);
        assertEquals("--concurrency 2 split over 3 shards leaves shard 2 nothing; use at most 2 shards",
                e.getMessage());
        RunPlan fewRequests = plan(new LoadModel.ClosedLoop(3, 0), 2).sharded(new Shard(2, 3), null);
        assertEquals("--request-count 2 split over 3 shards leaves shard 2 nothing; use at most 2 shards",
                assertThrows(IllegalArgumentException.class, fewRequests::share).getMessage());
    }

    @Test
    void anOpenLoopShareRunsAtItsPartOfTheRateFromItsOwnSeed() {
        LoadModel.OpenLoop open = new LoadModel.OpenLoop(40, ArrivalPattern.POISSON, 1, 42, 0,
                new InFlightCap(5, true));
        RunPlan whole = plan(open, 0 + 400);
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            LoadModel.OpenLoop part = (LoadModel.OpenLoop) whole.sharded(new Shard(i, 4), null).share().load();
            assertEquals(10.0, part.rate());
            assertEquals(i == 0 ? 2 : 1, part.maxInFlight());
            assertEquals(new Shard(i, 4).seed(42), part.seed());
            seeds.add(part.seed());
        }
        assertEquals(4, seeds.size(), "independent streams");
        assertEquals(42, Shard.WHOLE.seed(42));
        assertEquals(new Shard(1, 4).seed(42), new Shard(1, 4).seed(42), "reproducible from the run seed");
        assertNotEquals(new Shard(1, 4).seed(42), new Shard(1, 4).seed(43));
    }

    @Test
    void aTraceShareTakesEveryNthEntry() {
        RunPlan trace = plan(new LoadModel.TraceReplay(10, 2, new InFlightCap(1, false)), 10)
                .sharded(new Shard(1, 3), null);
        assertEquals(3, ((LoadModel.TraceReplay) trace.share().load()).entries());
        assertEquals(List.of(1, 4, 7), new Shard(1, 3).owned(IntStream.range(0, 10).boxed().toList()));
    }

    @Test
    void shardsTogetherSendExactlyTheRequestsOfOneProcess() {
        List<Integer> prompts = IntStream.range(0, 6).boxed().toList();
        int total = 20;
        List<Integer> oneProcess = IntStream.range(0, total).mapToObj(k -> prompts.get(k % prompts.size())).toList();
        int n = 4;
        List<Integer> together = new ArrayList<>(java.util.Collections.nCopies(total, -1));
        for (int i = 0; i < n; i++) {
            Shard shard = new Shard(i, n);
            List<Integer> cycle = shard.positions(prompts);
            assertEquals(3, cycle.size(), "6 / gcd(6, 4)");
            for (int j = 0; j < shard.share(total); j++) {
                together.set(i + j * n, cycle.get(j % cycle.size()));
            }
        }
        assertEquals(oneProcess, together);
        assertEquals(List.of(1, 5, 3), new Shard(1, 4).positions(prompts));
    }

    @Test
    void theTwoSpellingsAndTheJobIndexNameTheSameShard() {
        assertEquals(new Shard(1, 4), Shard.of("1/4", null, null, null));
        assertEquals(new Shard(1, 4), Shard.of(null, 1, 4, null));
        assertEquals(new Shard(1, 4), Shard.of("1/4", 1, 4, null));
        assertEquals(new Shard(3, 4), Shard.of(null, null, 4, "3"));
        assertEquals(new Shard(1, 4), Shard.of(null, 1, 4, "3"), "a given index wins over the environment");
        assertEquals(Shard.WHOLE, Shard.of(null, null, null, "3"));
    }

    @Test
    void badShardFlagsAreRefusedNamingTheFlag() {
        assertEquals("--shard-index must be between 0 and 3 for 4 shards, got 4",
                message(() -> Shard.of(null, 4, 4, null)));
        assertEquals("--shard-count must be >= 1, got 0", message(() -> Shard.of(null, 0, 0, null)));
        assertEquals("--shard 4/4: I must be between 0 and N-1 and N >= 1", message(() -> Shard.of("4/4", null, null,
                null)));
        assertEquals("--shard must be I/N (e.g. 0/4), got 'x'", message(() -> Shard.of("x", null, null, null)));
        assertEquals("--shard 1/4 disagrees with --shard-index/--shard-count (2/4); give one spelling",
                message(() -> Shard.of("1/4", 2, 4, null)));
        assertEquals("--shard-index needs --shard-count", message(() -> Shard.of(null, 1, null, null)));
        assertEquals("--shard-count needs --shard-index (or JOB_COMPLETION_INDEX set)",
                message(() -> Shard.of(null, null, 4, null)));
        assertEquals("--shard-index from JOB_COMPLETION_INDEX must be a number, got 'a'",
                message(() -> Shard.of(null, null, 4, "a")));
    }

    @Test
    void startAtIsAnInstantOrSecondsFromNowAndNeverInThePast() {
        Instant now = Instant.parse("2026-12-01T05:00:00Z");
        assertEquals(Instant.parse("2026-12-01T05:00:02.500Z"), StartAt.parse("+2.5", now));
        assertEquals(Instant.parse("2026-12-01T05:01:00Z"), StartAt.parse("2026-12-01T05:01:00Z", now));
        assertEquals(Instant.parse("2026-12-01T04:59:59.500Z"), StartAt.parse("2026-12-01T04:59:59.500Z", now),
                "within the second of tolerance");
        assertEquals("--start-at 2026-12-01T04:59:58Z is in the past (now 2026-12-01T05:00:00Z)",
                message(() -> StartAt.parse("2026-12-01T04:59:58Z", now)));
        assertEquals("--start-at must be an ISO-8601 instant (2026-12-01T05:00:00Z) or +SECONDS, got 'soon'",
                message(() -> StartAt.parse("soon", now)));
        assertEquals("--start-at must be between 0 and 2592000 seconds from now, got -1",
                message(() -> StartAt.parse("+-1", now)));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
