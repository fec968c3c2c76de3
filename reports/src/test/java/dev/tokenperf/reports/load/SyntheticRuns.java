package dev.tokenperf.reports.load;

import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;

import dev.tokenperf.reports.plan.ClientSettings;
import dev.tokenperf.reports.plan.Endpoint;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.plan.InputConfig;
import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.RunFacts;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.Shard;
import dev.tokenperf.reports.plan.ShardClock;
import dev.tokenperf.reports.plan.StopConditions;
import dev.tokenperf.reports.plan.Warmup;
import dev.tokenperf.reports.plan.Workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Streaming runs with random but reproducible timings, for tests that need a result without a server. */
public final class SyntheticRuns {

    private SyntheticRuns() {
    }

    /** {@code count} measured requests (one failed), one warmup request, ISL 100, OSL 10. */
    public static RunResult run(int count, long seed) {
        Random random = new Random(seed);
        List<RequestRecord> records = new ArrayList<>();
        records.add(record(0, true, 0, random, null));
        long clock = 1_000_000;
        for (int i = 0; i < count; i++) {
            RequestError error = i == 3 ? new RequestError(ErrorKind.HTTP_STATUS, 503, "overloaded") : null;
            RequestRecord r = record(i, false, clock, random, error);
            records.add(r);
            clock = r.startNanos() + 1_000_000 + random.nextInt(5_000_000);
        }
        long duration = records.get(records.size() - 1).endNanos() - records.get(1).startNanos();
        return new RunResult("test", configuration(), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:01Z"), duration, true, false, records);
    }

    public static Map<String, Object> configuration() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("isl", 100);
        input.put("osl", 10);
        Map<String, Object> loadgen = new LinkedHashMap<>();
        loadgen.put("mode", "concurrency");
        loadgen.put("concurrency", 2);
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("type", "chat");
        endpoint.put("streaming", true);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("endpoint", endpoint);
        config.put("input", input);
        config.put("loadgen", loadgen);
        config.put("prompt_set_sha256", "abc");
        config.put("server_model_id", "m");
        return config;
    }

    /** {@link #run} with the {@code input_config} a profile run of ISL 100 with {@code seed} writes. */
    public static RunResult planned(int count, long seed) {
        return withConfiguration(run(count, seed), plannedConfiguration(100, seed, "abc"));
    }

    /** {@code input_config} as a profile run writes it: OSL 10, closed loop at concurrency 2. */
    public static Map<String, Object> plannedConfiguration(int isl, long seed, String promptSetSha256) {
        RunPlan plan = new RunPlan(new Endpoint("http://127.0.0.1:8000", "m", EndpointType.CHAT, true, List.of(),
                Map.of(), Duration.ofSeconds(600), false), Workload.fixed(isl, 10, seed),
                new LoadModel.ClosedLoop(2, 0), new StopConditions(30, 0, 0, 0), new Warmup(1, 0),
                new ClientSettings(1, 1), null);
        return new LinkedHashMap<>(InputConfig.write(plan, new RunFacts("synthetic", "cl100k_base", true)
                .withRun(promptSetSha256, "m", 1, null)));
    }

    /**
     * {@link #plannedConfiguration} of shard {@code index} of {@code count} whose measured phase started at
     * {@code start}.
     */
    public static Map<String, Object> shardConfiguration(int index, int count, Instant start) {
        RunPlan plan = new RunPlan(new Endpoint("http://127.0.0.1:8000", "m", EndpointType.CHAT, true, List.of(),
                Map.of(), Duration.ofSeconds(600), false), Workload.fixed(100, 10, 1),
                new LoadModel.ClosedLoop(4, 0), new StopConditions(30, 0, 0, 0), new Warmup(1, 0),
                new ClientSettings(1, 1), null).sharded(new Shard(index, count), null);
        return new LinkedHashMap<>(InputConfig.write(plan, new RunFacts("synthetic", "cl100k_base", true)
                .withRun("prompts-of-shard-" + index, "m", 1, new ShardClock("host-" + index, start, 0, 0, 0L))));
    }

    /** {@code run} with another {@code input_config}. */
    public static RunResult withConfiguration(RunResult run, Map<String, Object> configuration) {
        return new RunResult(run.toolVersion(), configuration, run.startTime(), run.endTime(),
                run.benchmarkDurationNanos(), run.streaming(), false, run.records().toList());
    }

    private static RequestRecord record(int index, boolean warmup, long start, Random random, RequestError error) {
        long[] chunks = new long[error == null ? 10 : 0];
        long t = start + 5_000_000 + random.nextInt(20_000_000);
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = t;
            t += 3_000_000 + random.nextInt(4_000_000);
        }
        long[] reads = new long[chunks.length];
        for (int c = 0; c < reads.length; c++) {
            reads[c] = c + 1;
        }
        return new RequestRecord(index, (warmup ? "w-" : "r-") + index, warmup, true, start, start, t, chunks, reads,
                100, error == null ? 10 : -1, 100, 10, "", error);
    }
}
