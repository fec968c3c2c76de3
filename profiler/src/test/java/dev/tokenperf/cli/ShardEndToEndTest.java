package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two shards of one open-loop plan, started together with {@code --start-at}, against one emulator: the emulator
 * serves the plan's request count, the shards send disjoint prompts that together are one process's, and their
 * concurrent merge covers both. Prompts are told apart by their lengths (prompt i is i+1 tokens); with
 * {@code --request-count} equal to the dataset's size one process sends each prompt once, so that is what the
 * shards together must send. The start skew is whatever the machine gives: only that a shard never starts before
 * {@code --start-at}, and that the merge reports the skew its inputs recorded, are asserted.
 */
class ShardEndToEndTest {
    private static final int REQUESTS = 24;

    @Test
    @Timeout(60)
    void twoShardsSendWhatOneProcessWouldAndMergeIntoIt(@TempDir Path dir) throws Exception {
        Path dataset = dir.resolve("prompts.jsonl");
        Files.writeString(dataset, IntStream.range(0, REQUESTS)
                .mapToObj(i -> "{\"text\": \"" + "hello ".repeat(i + 1).strip() + "\"}").collect(Collectors.joining("\n")));
        try (EmulatorServer emulator = EmulatorServer.start(new EmulatorTiming(1_000_000, 0, 1_000_000, 1, 2, "m"),
                0, 1)) {
            List<String> common = List.of("profile", "--url", emulator.url(), "--model", "m", "--streaming",
                    "--input-file", dataset.toString(), "--request-rate", "40", "--request-count",
                    String.valueOf(REQUESTS), "--random-seed", "5", "--no-client-warmup", "--quiet");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<CliRun>> shards = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                List<String> args = new ArrayList<>(common);
                args.addAll(List.of("--shard", i + "/2", "--start-at", "+2", "--output-dir",
                        dir.resolve("s" + i).toString()));
                shards.add(pool.submit(() -> CliRun.of(args.toArray(String[]::new))));
            }
            for (Future<CliRun> shard : shards) {
                CliRun run = shard.get();
                assertEquals(0, run.exitCode(), run.out() + run.err());
            }
            pool.shutdown();
            assertEquals(REQUESTS, completions(emulator), "the emulator served the plan's request count");

            List<Integer> lengths0 = promptLengths(dir.resolve("s0"));
            List<Integer> lengths1 = promptLengths(dir.resolve("s1"));
            assertEquals(REQUESTS / 2, lengths0.size());
            assertEquals(REQUESTS / 2, lengths1.size());
            Set<Integer> overlap = new HashSet<>(lengths0);
            overlap.retainAll(lengths1);
            assertTrue(overlap.isEmpty(), "shards sent the same prompts: " + overlap);
            List<Integer> together = new ArrayList<>(lengths0);
            together.addAll(lengths1);
            assertEquals(IntStream.rangeClosed(1, REQUESTS).boxed().toList(), together.stream().sorted().toList(),
                    "one process sends each of the " + REQUESTS + " prompts once");

            CliRun merge = CliRun.of("merge", "--concurrent", dir.resolve("s0").toString(),
                    dir.resolve("s1").toString(), "--output-dir", dir.resolve("merged").toString());
            assertEquals(0, merge.exitCode(), merge.err());
            assertTrue(merge.out().contains("shards of 2: started "), merge.out());
            JsonNode merged = CliRun.json(dir.resolve("merged").resolve("profile_export_aiperf.json"));
            assertEquals(REQUESTS, CliRun.stat(merged, "request_count", "avg"));
            // the merged window is the union of the shards' recorded windows, and its rate their total over it
            Instant firstStart = null;
            Instant lastEnd = null;
            List<Instant> starts = new ArrayList<>();
            for (String shard : List.of("s0", "s1")) {
                JsonNode summary = CliRun.json(dir.resolve(shard).resolve("profile_export_aiperf.json"));
                JsonNode clock = summary.path("input_config").path("shard");
                Instant start = Instant.parse(clock.path("wall_clock_start").asText());
                assertFalse(start.isBefore(Instant.parse(clock.path("start_at").asText())), "held until --start-at");
                assertTrue(clock.path("server_date_offset_s").isNumber(), "the emulator sends a Date header");
                starts.add(start);
                Instant end = start.plusNanos(Math.round(CliRun.stat(summary, "benchmark_duration", "avg") * 1e9));
                firstStart = firstStart == null || start.isBefore(firstStart) ? start : firstStart;
                lastEnd = lastEnd == null || end.isAfter(lastEnd) ? end : lastEnd;
            }
            double window = Duration.between(firstStart, lastEnd).toNanos() / 1e9;
            assertEquals(REQUESTS / window, CliRun.stat(merged, "request_throughput", "avg"), 1e-6 * REQUESTS / window);
            assertEquals(Math.abs(Duration.between(starts.get(0), starts.get(1)).toNanos()) / 1e6,
                    merged.path("merge").path("start_skew_ms").asDouble(), 1e-6);
        }
    }

    private static List<Integer> promptLengths(Path result) throws IOException {
        return CliRun.jsonLines(result.resolve("profile_export.jsonl")).stream()
                .map(r -> r.path("tokens").path("requested_input").asInt()).toList();
    }

    /** Completions the emulator served, from its Prometheus counters (one first token each). */
    private static long completions(EmulatorServer emulator) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.url() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("vllm:time_to_first_token_seconds_count"))
                .mapToLong(l -> Math.round(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))).sum();
    }
}
