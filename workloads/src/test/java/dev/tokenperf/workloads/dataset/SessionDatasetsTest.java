package dev.tokenperf.workloads.dataset;

import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.ConversationTurn;
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

/** aiperf's multi_turn JSONL and ShareGPT conversations read as whole sessions. */
class SessionDatasetsTest {
    private final Tokenizer tokenizer = new JTokkitTokenizer();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void multiTurnReadsSessionsTurnsDelaysAndLengths() throws IOException {
        Path file = file("s.jsonl", """
                {"session_id": "alpha", "turns": [{"text": "Plan a trip."}, {"text": "Shorter.", "delay": 1500, "output_length": 30}]}

                {"turns": [{"text": "Hello there", "delay": 20}]}
                """);
        List<Conversation> sessions = MultiTurnReader.read(file, tokenizer, 0.5, 0);
        assertEquals(2, sessions.size());
        assertEquals("alpha", sessions.get(0).id());
        assertEquals(List.of(new ConversationTurn("Plan a trip.", tokenizer.count("Plan a trip."), -1, 0),
                new ConversationTurn("Shorter.", tokenizer.count("Shorter."), 30, 750)), sessions.get(0).turns());
        assertEquals("line-3", sessions.get(1).id(), "without an id the line names the session");
        assertEquals(10, sessions.get(1).turns().get(0).delayMillis(), 0, "the ratio scales every delay");
    }

    @Test
    void aBadSessionNamesFileLineAndField() throws IOException {
        Path noTurns = file("a.jsonl", "{\"session_id\": \"x\"}\n");
        assertEquals(noTurns + ":1: expected a non-empty 'turns' array",
                assertThrows(DatasetException.class, () -> MultiTurnReader.read(noTurns, tokenizer, 1, 0)).getMessage());
        Path noText = file("b.jsonl", "{\"turns\": [{\"text\": \"ok\"}]}\n{\"turns\": [{\"texts\": [\"x\"]}]}\n");
        assertEquals(noText + ":2: each turn needs a string 'text'",
                assertThrows(DatasetException.class, () -> MultiTurnReader.read(noText, tokenizer, 1, 0)).getMessage());
        Path badDelay = file("c.jsonl", "{\"turns\": [{\"text\": \"ok\", \"delay\": -1}]}\n");
        assertEquals(badDelay + ":1: a turn's 'delay' must be a number of milliseconds >= 0",
                assertThrows(DatasetException.class, () -> MultiTurnReader.read(badDelay, tokenizer, 1, 0)).getMessage());
        Path tooLong = file("d.jsonl", "{\"turns\": [{\"text\": \"one two three four five six\"}]}\n");
        assertEquals(tooLong + ":1: turn of 6 tokens exceeds --max-ctx-tokens 3",
                assertThrows(DatasetException.class, () -> MultiTurnReader.read(tooLong, tokenizer, 1, 3)).getMessage());
    }

    @Test
    void shareGptConversationsBecomeWholeSessionsOfTheirHumanTurns() throws IOException {
        Path file = file("g.json", """
                [
                  {"conversations": [{"from": "human", "value": "First question"}, {"from": "gpt", "value": "An answer of some words"},
                                     {"from": "human", "value": "Second"}, {"from": "gpt", "value": "Ok"},
                                     {"from": "human", "value": "unanswered"}]},
                  {"conversations": [{"from": "gpt", "value": "no human"}]}
                ]
                """);
        List<Conversation> sessions = ShareGptReader.readSessions(file, tokenizer);
        assertEquals(1, sessions.size(), "a conversation without an answered human turn is skipped");
        assertEquals(List.of(
                new ConversationTurn("First question", tokenizer.count("First question"),
                        tokenizer.count("An answer of some words"), 0),
                new ConversationTurn("Second", tokenizer.count("Second"), tokenizer.count("Ok"), 0)),
                sessions.get(0).turns());
        assertEquals(1, ShareGptReader.read(file, tokenizer).size(), "single-turn reading is unchanged");
    }
}
