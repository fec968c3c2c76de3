package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.simulate.SimulationFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {

    private static String withoutWallTime(String out) {
        return out.lines().filter(l -> !l.startsWith("simulated in")).collect(Collectors.joining("\n"));
    }

    @Test
    void theIssuesCommandPrintsTheTableAndTheResolvedParameters() {
        CliRun run = CliRun.of("simulate", "--mode", "disagg", "--sim-seconds", "600", "--warmup-seconds", "60");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("prompt:   lognormal mu 6.8199 sigma 0.4724 (mean 1024.0, std 512.0"),
                run.out());
        assertTrue(run.out().contains("output:   lognormal mu 4.8520 sigma 1.0817"), run.out());
        assertTrue(run.out().contains("TTFT mean"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("disagg-decode-first")), run.out());
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() {
        String a = withoutWallTime(CliRun.of("simulate", "--seed", "7", "--sim-seconds", "120").out());
        String b = withoutWallTime(CliRun.of("simulate", "--seed", "7", "--sim-seconds", "120").out());
        String c = withoutWallTime(CliRun.of("simulate", "--seed", "8", "--sim-seconds", "120").out());

        assertEquals(a, b);
        assertTrue(!a.equals(c));
    }

    @Test
    void fewCompletedRequestsGiveAWarning() {
        CliRun run = CliRun.of("simulate", "--sim-seconds", "100", "--warmup-seconds", "10");

        assertTrue(run.out().contains("warning: only "), run.out());
    }

    @Test
    void flagsOverrideTheConfigFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("sim.yaml");
        Files.writeString(config, """
                mode: agg
                arrival: {rate_per_s: 1.5}
                cluster_disagg: {prefill_gpus: 1, prefill_tokens_per_s: 8000, decode_gpus: 2, decode_tokens_per_s: 50}
                cluster_agg: {gpus: 3}
                prompt_tokens: {mode: constant, value: 800}
                output_tokens: {mode: constant, value: 20}
                sim_seconds: 200
                """);

        CliRun run = CliRun.of("simulate", "--config", config.toString(), "--agg-gpus", "5", "--output-dir",
                dir.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("mode aggregated-pool, 5 GPUs, each prefill 8000 tok/s then decode 50 tok/s"),
                run.out());
        assertTrue(run.out().contains("poisson at 1.5/s"), run.out());
        JsonNode row = CliRun.json(dir.resolve("simulation.json")).path("results").get(0);
        assertEquals("agg", row.path("mode").asText());
        // constant 800 tokens at 8000 tok/s: a 100 ms prefill yields the first token, so TTFT >= 100 ms
        assertTrue(row.path("ttft_p50_ms").asDouble() >= 100, row.toString());
        assertTrue(Files.readString(dir.resolve("simulation.csv")).startsWith("mode,rate_per_s,"));
    }

    @Test
    void theModelExtensionsAreConfigKeysAndTheCliEchoesThem(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("ext.yaml");
        Files.writeString(config, """
                mode: disagg
                cluster_disagg: {prefill_gpu_tokens_per_s: [8000, 4000], decode_gpus: 1, decode_tokens_per_s: 50,
                                 decode_kv_tokens_per_gpu: 4096, first_token_priority: true}
                sim_seconds: 30
                warmup_seconds: 1
                """);

        CliRun run = CliRun.of("simulate", "--config", config.toString());
        CliRun mismatch = CliRun.of("simulate", "--config", config.toString(), "--prefill-gpus", "3");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("prefill 2 x 6000 tok/s"), run.out()); // the pool's mean rate
        assertTrue(run.out().contains(", prefill GPUs at [8000, 4000] tok/s, KV memory 4096 tokens/decode GPU, "
                + "first-token priority"), run.out());
        assertEquals(2, mismatch.exitCode(), mismatch.out());
        assertTrue(mismatch.err().contains("lists 2 rates for --prefill-gpus 3"), mismatch.err());
    }

    @Test
    void theAggPoolTakesHeterogeneousGpusAndAKvLimitButRefusesFirstTokenPriority(@TempDir Path dir)
            throws Exception {
        Path config = dir.resolve("agg.yaml");
        Files.writeString(config, """
                mode: agg
                cluster_agg: {prefill_gpu_tokens_per_s: [8000, 4000], kv_tokens_per_gpu: 4096}
                sim_seconds: 30
                warmup_seconds: 1
                """);
        Path priority = dir.resolve("priority.yaml");
        Files.writeString(priority, "cluster_disagg: {first_token_priority: true}\n");

        CliRun run = CliRun.of("simulate", "--config", config.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("2 GPUs, each prefill 6000 tok/s"), run.out()); // the pool's mean rate
        assertTrue(run.out().contains(", GPUs prefill at [8000, 4000] tok/s, KV memory 4096 tokens/GPU\n"),
                run.out());
        assertUsage(priority + " cluster_disagg.first_token_priority: applies to disagg (decode-first) only, not to "
                + "mode agg", "simulate", "--config", priority.toString(), "--mode", "agg");
        // profile --emulate --emulator-config serves the very model simulate runs, and refuses the same key
        ServingModelOptions emulator = new ServingModelOptions();
        emulator.configFile = config;
        assertEquals(SimulationFile.read(config).config().model(), emulator.model());
        emulator.configFile = priority;
        emulator.mode = "agg";
        UsageException refused = assertThrows(UsageException.class, emulator::model);
        assertTrue(refused.getMessage().contains("cluster_disagg.first_token_priority"), refused.getMessage());
    }

    @Test
    void aRateSweepRunsBothModesAndNamesTheKneeAndTheSaturatedPool(@TempDir Path dir) throws Exception {
        // one decode GPU of batch 1 at 50 tok/s with 100-token outputs: 2 s per request, capacity 0.5/s;
        // the agg pool's 3 GPUs take 0.1 s of prefill + 99 steps of 20 ms per request: capacity 1.44/s.
        // Throughput stops growing after 0.6/s (0.5 -> 0.5) while TTFT p90 triples: the knee is 0.6/s.
        CliRun run = CliRun.of("simulate", "--rates", "0.2,0.4,0.6,0.8,1.2", "--decode-gpus", "1",
                "--decode-max-batch", "1", "--prompt-tokens", "constant:800", "--output-tokens", "constant:100",
                "--sim-seconds", "3000", "--output-dir", dir.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("disagg-decode-first: knee at λ = 0.6/s; decode saturates first at λ ≈ 0.5/s"),
                run.out());
        assertTrue(run.out().contains("agg: no knee within the swept rates; gpu saturates first at λ ≈ 1.44/s"),
                run.out());
        JsonNode sweep = CliRun.json(dir.resolve("sweep.json"));
        assertEquals(10, sweep.path("results").size());
        assertEquals("decode", sweep.path("findings").path("disagg-decode-first").path("saturated_pool").asText());
        for (String png : new String[] {"sweep-ttft.png", "sweep-utilisation.png"}) {
            assertTrue(Files.size(dir.resolve(png)) > 1000, png);
        }
    }

    @Test
    void aPrefillSweepGivesOneCurvePerPrefillRate(@TempDir Path dir) {
        CliRun run = CliRun.of("simulate", "--rates", "1,2,4", "--prefill-tokens-per-s", "4000,16000",
                "--sim-seconds", "300");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("disagg-decode-first r_p 4000: "), run.out());
        assertTrue(run.out().contains("; prefill saturates first at λ ≈ 3.91/s"), run.out());
        assertTrue(run.out().contains("disagg-decode-first r_p 16000: "), run.out());
        assertUsage("--prefill-tokens-per-s with several values is a sweep across rates: add --rates", "simulate",
                "--prefill-tokens-per-s", "4000,8000");
    }

    @Test
    void aTraceArrivesAtItsOwnTimesWithItsOwnLengths(@TempDir Path dir) throws Exception {
        // two requests 1 s apart, each 800 prompt tokens (100 ms of prefill at 8000 tok/s): no queue, and the
        // first token one 20 ms decode step after prefill
        Path trace = dir.resolve("trace.jsonl");
        Files.writeString(trace, """
                {"timestamp": 0, "input_length": 800, "output_length": 5}
                {"timestamp": 1000, "input_length": 800, "output_length": 5}
                """);

        CliRun run = CliRun.of("simulate", "--trace", trace.toString(), "--sim-seconds", "10", "--warmup-seconds", "0",
                "--output-dir", dir.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode row = CliRun.json(dir.resolve("simulation.json")).path("results").get(0);
        assertEquals(2, row.path("measured").asInt());
        assertEquals(120.0, row.path("ttft_p50_ms").asDouble(), 0.2); // HdrHistogram: 3 significant digits
    }

    @Test
    void empiricalLengthsComeFromAFlagOrTheYamlAndAreEchoedAndSaved(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("lengths.jsonl"), """
                {"input_length": 1000, "output_length": 20}
                {"input_length": 3000, "output_length": 40}
                """);
        Path config = Files.writeString(dir.resolve("sim.yaml"), "prompt_tokens: {mode: empirical, file: " + trace
                + "}\nsim_seconds: 100\nwarmup_seconds: 10\n");

        CliRun run = CliRun.of("simulate", "--config", config.toString(), "--output-tokens", "empirical:" + trace,
                "--output-dir", dir.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("prompt:   empirical, 2 counts from " + trace
                + " prompts (mean 2000.0, p50 1000, p90 3000)"), run.out());
        assertTrue(run.out().contains("output:   empirical, 2 counts from " + trace
                + " outputs (mean 30.0, p50 20, p90 40)"), run.out());
        JsonNode findings = CliRun.json(dir.resolve("simulation.json")).path("findings");
        assertEquals("empirical", findings.path("prompt_tokens").path("mode").asText());
        assertEquals(2, findings.path("prompt_tokens").path("count").asInt());
        assertEquals(3000, findings.path("prompt_tokens").path("p90").asInt());
        assertEquals(30.0, findings.path("output_tokens").path("mean").asDouble());
    }

    @Test
    void badEmpiricalSpecsAreUsageErrors(@TempDir Path dir) throws Exception {
        assertUsage("--prompt-tokens empirical:" + dir.resolve("missing.jsonl") + ": no such file or directory; use a "
                + "result directory", "simulate", "--prompt-tokens", "empirical:" + dir.resolve("missing.jsonl"));
        Path prompts = Files.writeString(dir.resolve("prompts.jsonl"), "{\"text\": \"hello there\"}\n");
        assertUsage("--output-tokens empirical:" + prompts + ": 1 of the 1 entries of a single_turn dataset give no "
                + "output_length", "simulate", "--output-tokens", "empirical:" + prompts);
        Path config = Files.writeString(dir.resolve("bad.yaml"), "prompt_tokens: {mode: empirical}\n");
        assertUsage(config + " prompt_tokens: empirical needs a 'file'", "simulate", "--config", config.toString());
    }

    @Test
    void aSweepThatCannotGivePoolSizesIsAUsageError(@TempDir Path dir) throws Exception {
        Path concurrency = Files.createDirectories(dir.resolve("concurrency"));
        Files.writeString(concurrency.resolve("sweep.json"), "{\"parameter\": \"concurrency\", \"points\": []}");
        assertUsage(concurrency + ": a sweep of 'concurrency'; pool sizes are fitted from a --request-rate sweep's "
                + "saturation", "simulate", "--from", concurrency.toString());
        Path one = Files.createDirectories(dir.resolve("one"));
        Files.writeString(one.resolve("sweep.json"), "{\"parameter\": \"request_rate\", \"points\": [{\"value\": 2, "
                + "\"dir\": \"request_rate_2\"}]}");
        assertUsage(one.resolve("sweep.json") + ": needs 2 or more rates", "simulate", "--from", one.toString());
    }

    @Test
    void badInputIsOneLineNamingTheFlagOrKeyWithExitCode2(@TempDir Path dir) throws Exception {
        assertUsage("--rate (-1.0) must be > 0", "simulate", "--rate", "-1");
        assertUsage("--mode 'fast' is not a mode", "simulate", "--mode", "fast");
        assertUsage("--decode-gpus (0) must be >= 1", "simulate", "--decode-gpus", "0");
        assertUsage("--warmup-seconds (700.0) must be below", "simulate", "--warmup-seconds", "700");
        Path trace = dir.resolve("trace.jsonl");
        Files.writeString(trace, "{\"timestamp\": 0, \"input_length\": 100, \"output_length\": 5}\n");
        assertUsage("--rates: a trace (--trace or arrival.trace) sets its own arrival rate", "simulate", "--trace",
                trace.toString(), "--rates", "1,2");
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "cluster_disagg: {prefill_gpu: 2}\n");
        assertUsage(config + " cluster_disagg: unknown key 'prefill_gpu'", "simulate", "--config", config.toString());
    }

    private static void assertUsage(String start, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().startsWith("tokenperf: " + start), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("", run.out());
    }
}
