package dev.tokenperf.simulate;

import dev.tokenperf.workloads.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmpiricalLengthsTest {
    /** One token per word, so the expected counts can be read off the test's own texts. */
    private static final Tokenizer WORDS = new Tokenizer() {
        @Override
        public String name() {
            return "words";
        }

        @Override
        public boolean isEmbeddedDefault() {
            return false;
        }

        @Override
        public int[] encode(String text) {
            return new int[text.isBlank() ? 0 : text.strip().split("\\s+").length];
        }

        @Override
        public String decode(int[] ids) {
            throw new UnsupportedOperationException();
        }
    };

    private final AtomicInteger tokenizerOpened = new AtomicInteger();
    private final EmpiricalLengths lengths = new EmpiricalLengths(() -> {
        tokenizerOpened.incrementAndGet();
        return WORDS;
    });

    @Test
    void aSeededDrawYieldsOnlyObservedCountsAndItsMeanConverges() {
        int[] counts = {10, 20, 20, 70};
        TokenDistribution.Empirical d = new TokenDistribution.Empirical(counts, "test");
        Random random = new Random(7);
        Set<Integer> observed = Arrays.stream(counts).boxed().collect(Collectors.toSet());
        long sum = 0;
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            int draw = d.sample(random);
            assertTrue(observed.contains(draw), "drew " + draw);
            sum += draw;
        }
        // mean 30, std 23.45: the standard error of 200,000 draws is 0.052, so 0.3 is almost six of them
        assertEquals(30, (double) sum / draws, 0.3);
        assertEquals(30, d.mean(), 0);
        assertEquals(20, d.quantile(0.5));
        assertEquals(70, d.quantile(0.9));
        assertEquals("empirical, 4 counts from test (mean 30.0, p50 20, p90 70)", d.describe());
        assertEquals(4, d.toJson().get("count"));
        assertEquals(70, d.toJson().get("p90"));
    }

    @Test
    void aMooncakeTraceGivesItsInputAndOutputLengthsWithoutATokenizer(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("trace.jsonl"), """
                {"timestamp": 0, "input_length": 1100, "output_length": 32, "hash_ids": [0, 1, 2]}
                {"timestamp": 250, "input_length": 600, "output_length": 16}
                """);

        assertArrayEquals(new int[] {1100, 600}, lengths.read("--prompt-tokens", trace,
                EmpiricalLengths.Side.PROMPT).counts());
        assertArrayEquals(new int[] {32, 16}, lengths.read("--output-tokens", trace,
                EmpiricalLengths.Side.OUTPUT).counts());
        assertEquals(0, tokenizerOpened.get());
    }

    @Test
    void aSingleTurnDatasetIsCountedWithTheTokenizerAndNeedsOutputLengthsForOutputs(@TempDir Path dir)
            throws Exception {
        Path given = Files.writeString(dir.resolve("given.jsonl"), """
                {"text": "one two three", "output_length": 64}
                {"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "a b c d"}], "output_length": 8}
                """);
        Path partial = Files.writeString(dir.resolve("partial.jsonl"), """
                {"text": "one two three", "output_length": 64}
                {"text": "four five"}
                """);

        assertArrayEquals(new int[] {3, 6}, lengths.read("p", given, EmpiricalLengths.Side.PROMPT).counts());
        assertArrayEquals(new int[] {64, 8}, lengths.read("o", given, EmpiricalLengths.Side.OUTPUT).counts());
        assertArrayEquals(new int[] {3, 2}, lengths.read("p", partial, EmpiricalLengths.Side.PROMPT).counts());
        assertMessage("--output-tokens empirical:" + partial + ": 1 of the 2 entries of a single_turn dataset give no "
                + "output_length", () -> lengths.read("--output-tokens", partial, EmpiricalLengths.Side.OUTPUT));
        assertEquals(1, tokenizerOpened.get(), "one tokenizer, opened once");
    }

    @Test
    void shareGptTakesTheFirstHumanTurnAndItsAnswer(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("sharegpt.json"), """
                [{"conversations": [{"from": "human", "value": "how are you"},
                                    {"from": "gpt", "value": "fine thanks for asking"}]},
                 {"conversations": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "hello"}]}]
                """);

        assertArrayEquals(new int[] {3, 1}, lengths.read("p", file, EmpiricalLengths.Side.PROMPT).counts());
        assertArrayEquals(new int[] {4, 1}, lengths.read("o", file, EmpiricalLengths.Side.OUTPUT).counts());
    }

    @Test
    void aMultiTurnDatasetGivesEachTurnItsOwnText(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("multi.jsonl"), """
                {"session_id": "a", "turns": [{"text": "one two", "output_length": 5}, {"text": "three", "delay": 10, "output_length": 7}]}
                {"turns": [{"text": "x y z w", "output_length": 9}]}
                """);

        assertArrayEquals(new int[] {2, 1, 4}, lengths.read("p", file, EmpiricalLengths.Side.PROMPT).counts());
        assertArrayEquals(new int[] {5, 7, 9}, lengths.read("o", file, EmpiricalLengths.Side.OUTPUT).counts());
    }

    @Test
    void aResultGivesItsMeasuredSuccessfulRequestsOnly(@TempDir Path dir) throws Exception {
        Path result = Files.createDirectories(dir.resolve("run"));
        Path jsonl = Files.writeString(result.resolve("profile_export.jsonl"),
                record("a", "profiling", 500, 40, "") + record("b", "warmup", 900, 90, "")
                        + record("c", "profiling", 700, 60, "") + record("d", "profiling", 300, 0,
                        ",\"error\":{\"type\":\"timeout\",\"code\":0,\"message\":\"late\"}"));

        for (Path path : new Path[] {result, jsonl}) {
            assertArrayEquals(new int[] {500, 700}, lengths.read("p", path, EmpiricalLengths.Side.PROMPT).counts());
            assertArrayEquals(new int[] {40, 60}, lengths.read("o", path, EmpiricalLengths.Side.OUTPUT).counts());
        }
        assertEquals(0, tokenizerOpened.get());
    }

    @Test
    void badPathsAndFormatsAreOneLineNamingTheFlagAndWhatIsValid(@TempDir Path dir) throws Exception {
        Path sweep = Files.createDirectories(dir.resolve("sweep"));
        Files.writeString(sweep.resolve("sweep.json"), "{}");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
        Path other = Files.writeString(dir.resolve("other.jsonl"), "{\"prompt\": \"hi\"}\n");
        Path allFailed = Files.createDirectories(dir.resolve("failed"));
        Files.writeString(allFailed.resolve("profile_export.jsonl"), record("d", "profiling", 300, 0,
                ",\"error\":{\"type\":\"timeout\",\"code\":0,\"message\":\"late\"}"));

        String valid = "; " + EmpiricalLengths.VALID;
        assertMessage("--prompt-tokens empirical:" + dir.resolve("nope") + ": no such file or directory" + valid,
                () -> lengths.read("--prompt-tokens", dir.resolve("nope"), EmpiricalLengths.Side.PROMPT));
        assertMessage("--prompt-tokens empirical:" + sweep + ": is a sweep; name one of its points' result "
                + "directories" + valid, () -> lengths.read("--prompt-tokens", sweep, EmpiricalLengths.Side.PROMPT));
        assertMessage("--prompt-tokens empirical:" + empty + ": is empty" + valid,
                () -> lengths.read("--prompt-tokens", empty, EmpiricalLengths.Side.PROMPT));
        assertMessage("k empirical:" + other + ": not a format tokenperf reads",
                () -> lengths.read("k", other, EmpiricalLengths.Side.PROMPT));
        assertMessage("--output-tokens empirical:" + allFailed + ": no output lengths (no measured request "
                + "succeeded)" + valid, () -> lengths.read("--output-tokens", allFailed, EmpiricalLengths.Side.OUTPUT));
        assertMessage("--output-tokens empirical:" + dir + ": " + dir.resolve("profile_export.jsonl") + " is missing",
                () -> lengths.read("--output-tokens", dir, EmpiricalLengths.Side.OUTPUT));
    }

    private static String record(String id, String phase, int input, int output, String error) {
        return "{\"metadata\":{\"x_request_id\":\"" + id + "\",\"benchmark_phase\":\"" + phase
                + "\",\"streaming\":true,\"request_start_ns\":1000,\"request_end_ns\":5000},"
                + "\"tokens\":{\"server_input\":" + input + ",\"server_output\":" + output + "}" + error + "}\n";
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable call) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.startsWith(start), message);
        assertEquals(1, message.lines().count(), message);
    }
}
