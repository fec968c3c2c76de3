package dev.tokenperf.reports.plan;

import dev.tokenperf.reports.metrics.GoodputSlos;
import dev.tokenperf.reports.record.StopReason;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan is written to {@code input_config} in one place, in aiperf's shape, and reads back to equal types. */
class InputConfigTest {
    private static final Endpoint ENDPOINT = new Endpoint("http://127.0.0.1:8000", "m", EndpointType.CHAT, true,
            List.of("Authorization: <redacted>"), Map.of("ignore_eos", true), Duration.ofMillis(2500), false);
    private static final RunFacts FACTS = new RunFacts("synthetic", "cl100k_base", true, "abc", "m-id", 2);

    private static RunPlan plan(LoadModel load, GoodputSlos goodput) {
        return new RunPlan(ENDPOINT, Workload.fixed(128, 16, 42), load, new StopConditions(40, 0, 30_000_000_000L, 5),
                new Warmup(4, 1_500_000_000L), new ClientSettings(2, 1.5), goodput);
    }

    @Test
    void aClosedLoopWritesAiperfsKeysInOrder() {
        Map<String, Object> config = InputConfig.write(plan(new LoadModel.ClosedLoop(4, 0.5), null), FACTS);
        assertEquals(List.of("endpoint", "input", "loadgen", "prompt_set_sha256", "server_model_id"),
                List.copyOf(config.keySet()));
        Map<?, ?> loadgen = (Map<?, ?>) config.get("loadgen");
        assertEquals(List.of("mode", "concurrency", "request_count", "benchmark_duration_s", "warmup_request_count",
                "concurrency_ramp_duration_s", "warmup_duration_s", "benchmark_grace_period_s",
                "failed_request_threshold", "failed_request_count_threshold", "max_client_lag_ms", "client_threads",
                "client_event_loops_used"),
                List.copyOf(loadgen.keySet()));
        assertEquals("concurrency", loadgen.get("mode"));
        assertEquals(4, loadgen.get("concurrency"));
        assertEquals(40L, loadgen.get("request_count"));
        assertNull(loadgen.get("benchmark_duration_s"));
        assertEquals(1.5, loadgen.get("warmup_duration_s"));
        Map<?, ?> endpoint = (Map<?, ?>) config.get("endpoint");
        assertEquals(List.of("model_names", "type", "streaming", "url", "route", "headers", "request_timeout_s",
                "insecure"), List.copyOf(endpoint.keySet()));
        assertEquals("/v1/chat/completions", endpoint.get("route"));
        assertEquals(2.5, endpoint.get("request_timeout_s"));
        Map<?, ?> input = (Map<?, ?>) config.get("input");
        assertEquals(128, input.get("isl"));
        assertEquals(Map.of("name", "cl100k_base", "embedded_default", true, "counts_approximate", true),
                input.get("tokenizer"));
    }

    @Test
    void anOpenLoopSavesItsScheduleAndWhetherItIsCapped() {
        Map<?, ?> loadgen = (Map<?, ?>) InputConfig.write(plan(new LoadModel.OpenLoop(5, ArrivalPattern.GAMMA, 4, 9,
                2, new InFlightCap(3, true)), null), FACTS).get("loadgen");
        assertEquals(List.of("mode", "concurrency", "request_count", "benchmark_duration_s", "warmup_request_count",
                "request_rate", "arrival_pattern", "arrival_smoothness", "random_seed", "request_rate_ramp_duration_s",
                "concurrency_capped", "warmup_duration_s", "benchmark_grace_period_s", "failed_request_threshold",
                "failed_request_count_threshold", "max_client_lag_ms", "client_threads", "client_event_loops_used"),
                List.copyOf(loadgen.keySet()));
        assertEquals("gamma", loadgen.get("arrival_pattern"));
        assertEquals(true, loadgen.get("concurrency_capped"));
    }

    @Test
    void aDatasetRunSavesNoSingleIslAndNoSyntheticSpreads() {
        RunFacts dataset = new RunFacts("sharegpt.json", "gpt2", false, "abc", null, 1);
        Map<?, ?> input = (Map<?, ?>) InputConfig.write(plan(new LoadModel.ClosedLoop(1, 0), null), dataset)
                .get("input");
        assertTrue(input.containsKey("isl"));
        assertNull(input.get("isl"));
        assertFalse(input.containsKey("isl_stddev"));
        SavedPlan saved = InputConfig.read(InputConfig.write(plan(new LoadModel.ClosedLoop(1, 0), null), dataset));
        assertFalse(saved.islSaved());
    }

    @Test
    void everyLoadModelReadsBackToAnEqualPlan() {
        GoodputSlos slos = GoodputSlos.parse("ttft:300 itl:20");
        for (LoadModel load : List.of(new LoadModel.ClosedLoop(4, 0.5),
                new LoadModel.OpenLoop(5, ArrivalPattern.GAMMA, 4, 9, 2, new InFlightCap(3, true)),
                new LoadModel.OpenLoop(0.5, ArrivalPattern.CONSTANT, 1, 9, 0, new InFlightCap(1, false)),
                new LoadModel.TraceReplay(12, 2, new InFlightCap(2, false)))) {
            RunPlan plan = plan(load, slos);
            SavedPlan saved = InputConfig.read(InputConfig.write(plan, FACTS));
            assertEquals(plan.endpoint(), saved.plan().endpoint(), load.mode());
            assertEquals(plan.workload(), saved.plan().workload(), load.mode());
            assertEquals(plan.load(), saved.plan().load(), load.mode());
            assertEquals(plan.stop(), saved.plan().stop(), load.mode());
            assertEquals(plan.warmup(), saved.plan().warmup(), load.mode());
            assertEquals(plan.client(), saved.plan().client(), load.mode());
            assertEquals(slos.toConfiguration(), saved.plan().goodput().toConfiguration(), load.mode());
            assertEquals(FACTS, saved.facts(), load.mode());
            assertTrue(saved.islSaved());
        }
    }

    @Test
    void aShardSavesItsIndexStartAndClockAndReadsThemBack() {
        Instant startAt = Instant.parse("2026-12-01T05:00:02Z");
        RunPlan plan = plan(new LoadModel.ClosedLoop(5, 0), null).sharded(new Shard(1, 3), startAt);
        ShardClock clock = new ShardClock("client-b", Instant.parse("2026-12-01T05:00:02.000125Z"), 1_000L,
                4_000_000_000L, -2L);
        RunFacts facts = FACTS.withRun("abc", "m-id", 2, clock);
        Map<String, Object> config = InputConfig.write(plan, facts);
        assertEquals(Map.of("index", 1, "count", 3, "start_at", "2026-12-01T05:00:02Z", "host", "client-b",
                "wall_clock_start", "2026-12-01T05:00:02.000125Z", "monotonic_origin_ns", 1_000L,
                "monotonic_start_ns", 4_000_000_000L, "server_date_offset_s", -2L), config.get("shard"));
        assertEquals(5, ((Map<?, ?>) config.get("loadgen")).get("concurrency"), "the whole plan's load is saved");
        SavedPlan saved = InputConfig.read(config);
        assertEquals(new Shard(1, 3), saved.plan().shard());
        assertEquals(startAt, saved.plan().startAt());
        assertEquals(clock, saved.facts().clock());
        assertEquals(facts, saved.facts());
        assertEquals(plan.load(), saved.plan().load());
    }

    @Test
    void aServerWithoutADateHeaderSavesANullOffset() {
        ShardClock clock = new ShardClock("h", Instant.EPOCH, 0, 0, null);
        SavedPlan saved = InputConfig.read(InputConfig.write(plan(new LoadModel.ClosedLoop(2, 0), null)
                .sharded(new Shard(0, 2), null), FACTS.withRun("abc", "m-id", 2, clock)));
        assertNull(saved.facts().clock().serverDateOffsetSeconds());
        assertNull(saved.plan().startAt());
    }

    @Test
    void aWholeRunWritesNoShardSection() {
        Map<String, Object> config = InputConfig.write(plan(new LoadModel.ClosedLoop(2, 0), null), FACTS);
        assertFalse(config.containsKey("shard"));
        assertEquals(Shard.WHOLE, InputConfig.read(config).plan().shard());
    }

    @Test
    void stopReasonsKeepTheirSavedSpelling() {
        assertEquals("failed_request_threshold", StopReason.FAILED_REQUEST_THRESHOLD.wire());
        for (StopReason reason : StopReason.values()) {
            assertEquals(reason, StopReason.parse(reason.wire()));
        }
        assertEquals(List.of("request_count", "benchmark_duration", "schedule_end", "failed_request_threshold",
                "interrupted"), java.util.Arrays.stream(StopReason.values()).map(StopReason::wire).toList());
    }
}
