package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workload options end to end: the CLI in-process against the emulator on 127.0.0.1. */
class WorkloadOptionsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TINY_LLAMA = CliRun.SHARED.resolve("tokenizers/tiny-llama").toString();

    @TempDir
    Path dir;

    private static CliRun profile(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("profile", "--emulate", "--ttft-ms", "1", "--itl-ms", "1",
                "--concurrency", "2", "--output-dir", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<JsonNode> records(Path out) throws IOException {
        return Files.readAllLines(out.resolve("profile_export.jsonl")).stream().map(line -> {
            try {
                return MAPPER.readTree(line);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void syntheticRunReportsTokenizerAndSequenceLengths() throws IOException {
        Path out = dir.resolve("run");
        CliRun run = profile(out, "--tokenizer", TINY_LLAMA, "--isl", "64", "--osl", "8", "--request-count", "6",
                "--random-seed", "5", "--streaming");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("tokenizer: " + TINY_LLAMA + ", random seed 5"), run.out());
        assertTrue(run.out().contains("sequence lengths (6 requests, tokenizer " + TINY_LLAMA + "): ISL requested 64.0, "
                + "client 64.0"), run.out());
        JsonNode summary = MAPPER.readTree(out.resolve("profile_export_aiperf.json").toFile());
        JsonNode accuracy = summary.get("sequence_length_accuracy");
        assertEquals(64.0, accuracy.get("input_client_avg").asDouble());
        assertEquals(8.0, accuracy.get("output_server_avg").asDouble());
        assertFalse(accuracy.get("client_counts_approximate").asBoolean());
        JsonNode input = summary.get("input_config").get("input");
        assertEquals(TINY_LLAMA, input.get("tokenizer").get("name").asText());
        assertEquals(5, input.get("random_seed").asLong());
        List<JsonNode> lines = records(out);
        assertFalse(lines.isEmpty(), "profile_export.jsonl has the run's requests");
        for (JsonNode record : lines) {
            JsonNode tokens = record.get("tokens");
            assertEquals(64, tokens.get("requested_input").asInt());
            assertEquals(64, tokens.get("client_input").asInt());
            assertEquals(tokens.get("server_input").asInt() - 64, tokens.get("prompt_overhead").asInt());
            assertTrue(tokens.get("client_output").asInt() > 0);
        }
    }

    @Test
    void theDefaultTokenizerMarksCountsApproximateForANonOpenAiModel() throws IOException {
        Path out = dir.resolve("default");
        CliRun run = profile(out, "--isl", "32", "--osl", "4", "--request-count", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("tokenizer: o200k_base (embedded default"), run.out());
        assertTrue(run.out().contains("tokenizer o200k_base, approximate)"), run.out());
        JsonNode tokenizer = MAPPER.readTree(out.resolve("profile_export_aiperf.json").toFile())
                .get("input_config").get("input").get("tokenizer");
        assertTrue(tokenizer.get("counts_approximate").asBoolean());
    }

    @Test
    void aDatasetFileIsSentWithItsOutputLengths() throws IOException {
        Path out = dir.resolve("dataset");
        CliRun run = profile(out, "--input-file", CliRun.EXAMPLES.resolve("datasets/single-turn.jsonl").toString(),
                "--custom-dataset-type", "single_turn", "--request-count", "5", "--osl", "12");
        assertEquals(0, run.exitCode(), run.err());
        List<Integer> outputs = records(out).stream().map(r -> r.get("tokens").get("requested_output").asInt())
                .sorted().toList();
        // four entries carry output_length; the fourth line has none and takes --osl
        assertEquals(List.of(12, 64, 80, 96, 128), outputs);
    }

    @Test
    void aMooncakeTraceAndAContextFileRun() throws IOException {
        CliRun trace = profile(dir.resolve("trace"), "--input-file",
                CliRun.EXAMPLES.resolve("datasets/mooncake-trace.jsonl").toString(), "--custom-dataset-type",
                "mooncake-trace", "--request-count", "4");
        assertEquals(0, trace.exitCode(), trace.err());
        assertEquals(List.of(600, 1100, 1300, 1536), records(dir.resolve("trace")).stream()
                .map(r -> r.get("tokens").get("client_input").asInt()).sorted().toList());
        CliRun context = profile(dir.resolve("context"), "--context-file",
                CliRun.EXAMPLES.resolve("datasets/context.txt").toString(), "--max-ctx-tokens", "8192",
                "--prompt", "Who writes the weather down?", "--request-count", "2", "--osl", "4");
        assertEquals(0, context.exitCode(), context.err());
    }

    @Test
    void badWorkloadInputIsAOneLineUsageError() throws IOException {
        Path missing = dir.resolve("missing.jsonl");
        assertUsageError("--input-file " + missing + ": no such file", "--input-file", missing.toString());
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"ok\"}\nnot json\n");
        assertUsageError("--input-file " + bad + ":2: not valid JSON", "--input-file", bad.toString());
        assertUsageError("ISL 4096 is larger than --max-ctx-tokens 2048", "--isl", "4096", "--max-ctx-tokens", "2048");
        assertUsageError("--custom-dataset-type 'csv' is not one of single_turn, multi_turn, sharegpt, mooncake_trace",
                "--input-file", bad.toString(), "--custom-dataset-type", "csv");
        assertUsageError("--seq-dist '128' is not ISL[|SD],OSL[|SD]:PCT (expected ISL,OSL)", "--seq-dist", "128");
        assertUsageError("--seq-dist percentages sum to 1.0, not 100", "--seq-dist", "128,64:0.7;256,32:0.3");
        assertUsageError("--shared-prefix-tokens (600) must be smaller than --isl (550)", "--shared-prefix-tokens", "600");
    }

    @Test
    void anUnknownTokenizerIsAUsageError() {
        CliRun run = profile(dir.resolve("x"), "--tokenizer", dir.resolve("nothing-here").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("--tokenizer " + dir.resolve("nothing-here") + ": not a tokenizer.json"), run.err());
    }

    private void assertUsageError(String message, String... args) {
        CliRun run = profile(dir.resolve("unused"), args);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(message), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
