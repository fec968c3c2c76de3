package dev.tokenperf.workloads.dataset;

import dev.tokenperf.workloads.prompt.ChatMessage;
import dev.tokenperf.workloads.prompt.RequestSpec;
import dev.tokenperf.workloads.prompt.SyntheticPrompts;
import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;
import dev.tokenperf.workloads.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetReadersTest {
    private final Tokenizer tokenizer = new JTokkitTokenizer();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void singleTurnReadsTextAndMessagesWithOptionalOutputLength() throws IOException {
        Path file = file("a.jsonl", """
                {"text": "Describe the harbour at dawn.", "output_length": 40}

                {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Why?"}]}
                """);
        List<DatasetEntry> entries = SingleTurnReader.read(file);
        assertEquals(2, entries.size());
        assertEquals(List.of(ChatMessage.user("Describe the harbour at dawn.")), entries.get(0).messages());
        assertEquals(40, entries.get(0).outputTokens());
        assertEquals(3, entries.get(1).line());
        assertEquals(-1, entries.get(1).outputTokens());
        List<RequestSpec> specs = DatasetPrompts.fromEntries(file, entries, tokenizer, 0);
        assertEquals(tokenizer.count("Be brief.") + tokenizer.count("Why?"), specs.get(1).inputTokens());
    }

    @Test
    void aMalformedLineNamesFileAndLine() throws IOException {
        Path file = file("bad.jsonl", "{\"text\": \"fine\"}\n{\"text\": \"unterminated}\n");
        DatasetException e = assertThrows(DatasetException.class, () -> SingleTurnReader.read(file));
        assertEquals(file + ":2: not valid JSON", e.getMessage());
        Path noText = file("notext.jsonl", "{\"prompt\": \"x\"}\n");
        assertTrue(assertThrows(DatasetException.class, () -> SingleTurnReader.read(noText)).getMessage()
                .startsWith(noText + ":1: expected a string 'text'"));
        Path badLength = file("len.jsonl", "{\"text\": \"x\", \"output_length\": -3}\n");
        assertEquals(badLength + ":1: 'output_length' must be a positive integer",
                assertThrows(DatasetException.class, () -> SingleTurnReader.read(badLength)).getMessage());
    }

    /** It used to be "Input length = 1", Java's words for a byte that is not UTF-8. */
    @Test
    void aBinaryFileIsNamedAsNotText() throws IOException {
        Path file = dir.resolve("data.jsonl.gz");
        Files.write(file, new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, (byte) 0xff, (byte) 0xfe, 0x0a});
        DatasetException e = assertThrows(DatasetException.class, () -> SingleTurnReader.read(file));
        assertEquals(file + ": is not UTF-8 text (a binary or compressed file?); datasets are UTF-8 JSON lines",
                e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.jsonl");
        assertEquals(missing + ": no such file",
                assertThrows(DatasetException.class, () -> SingleTurnReader.read(missing)).getMessage());
        assertEquals(missing + ": no such file",
                assertThrows(DatasetException.class, () -> ShareGptReader.read(missing, tokenizer)).getMessage());
    }

    @Test
    void aPromptLongerThanTheContextIsAnErrorWithItsLine() throws IOException {
        Path file = file("long.jsonl", "{\"text\": \"short\"}\n{\"text\": \"" + "word ".repeat(50) + "\"}\n");
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetPrompts.fromEntries(file, SingleTurnReader.read(file), tokenizer, 20));
        assertTrue(e.getMessage().startsWith(file + ":2: prompt of "), e.getMessage());
        assertTrue(e.getMessage().endsWith("exceeds --max-ctx-tokens 20"), e.getMessage());
    }

    @Test
    void shareGptTakesTheFirstHumanTurnAndTheAnswersLength() throws IOException {
        String answer = "The bridge was repaired before the spring floods arrived.";
        Path file = file("sg.json", """
                [
                  {"id": "a", "conversations": [
                    {"from": "system", "value": "You help."},
                    {"from": "human", "value": "When was the bridge repaired?"},
                    {"from": "gpt", "value": "%s"},
                    {"from": "human", "value": "Thanks."}]},
                  {"id": "b", "conversations": [{"from": "human", "value": "No answer here."}]}
                ]
                """.formatted(answer));
        List<DatasetEntry> entries = ShareGptReader.read(file, tokenizer);
        assertEquals(1, entries.size());
        assertEquals(List.of(ChatMessage.user("When was the bridge repaired?")), entries.get(0).messages());
        assertEquals(tokenizer.count(answer), entries.get(0).outputTokens());
        assertEquals(2, entries.get(0).line());
    }

    @Test
    void shareGptBadEntryNamesItsLine() throws IOException {
        Path file = file("sgbad.json", "[\n {\"conversations\": []},\n {\"conversations\": [{\"from\": 1}]}\n]\n");
        assertEquals(file + ":3: each turn needs a string 'from' and 'value'",
                assertThrows(DatasetException.class, () -> ShareGptReader.read(file, tokenizer)).getMessage());
        Path broken = file("sgbroken.json", "[\n {\"conversations\": [\n");
        assertTrue(assertThrows(DatasetException.class, () -> ShareGptReader.read(broken, tokenizer)).getMessage()
                .startsWith(broken + ":"));
    }

    @Test
    void mooncakeTracePromptsHaveExactLengthsAndShareBlocksByHashId() throws IOException {
        Path file = file("trace.jsonl", """
                {"timestamp": 0, "input_length": 1200, "output_length": 20, "hash_ids": [1, 2, 3]}
                {"timestamp": 10, "input_length": 1100, "output_length": 30, "hash_ids": [1, 2, 4]}
                {"timestamp": 20, "input_length": 700, "output_length": 5, "hash_ids": [9, 5]}
                """);
        List<MooncakeTraceReader.TraceEntry> trace = MooncakeTraceReader.read(file);
        List<RequestSpec> specs = DatasetPrompts.fromTrace(file, trace, new SyntheticPrompts(tokenizer, 1, 0, 0), 0);
        int[] lengths = {1200, 1100, 700};
        for (int i = 0; i < specs.size(); i++) {
            assertEquals(lengths[i], tokenizer.count(specs.get(i).promptText()));
            assertEquals(lengths[i], specs.get(i).inputTokens());
        }
        assertEquals(30, specs.get(1).outputTokens());
        String first = specs.get(0).promptText();
        String second = specs.get(1).promptText();
        int common = 0;
        while (common < Math.min(first.length(), second.length()) && first.charAt(common) == second.charAt(common)) {
            common++;
        }
        // two shared 512-token blocks: the common start holds at least 1,000 tokens and not the whole prompt
        assertTrue(tokenizer.count(first.substring(0, common)) >= 1000, "shared tokens");
        assertTrue(common < second.length());
        assertTrue(!specs.get(2).promptText().startsWith(first.substring(0, 50)));
    }

    @Test
    void mooncakeTraceMalformedLineNamesIt() throws IOException {
        Path file = file("tracebad.jsonl", """
                {"timestamp": 0, "input_length": 100, "output_length": 20, "hash_ids": [1]}
                {"timestamp": 1, "input_length": 100, "hash_ids": [1]}
                """);
        assertEquals(file + ":2: needs positive integers 'input_length' and 'output_length'",
                assertThrows(DatasetException.class, () -> MooncakeTraceReader.read(file)).getMessage());
        Path ids = file("traceids.jsonl", "{\"input_length\": 10, \"output_length\": 2, \"hash_ids\": [\"a\"]}\n");
        assertEquals(ids + ":1: 'hash_ids' must be an array of integers",
                assertThrows(DatasetException.class, () -> MooncakeTraceReader.read(ids)).getMessage());
    }
}
