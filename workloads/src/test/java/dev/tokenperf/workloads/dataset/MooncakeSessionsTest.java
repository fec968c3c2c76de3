package dev.tokenperf.workloads.dataset;

import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.ConversationTurn;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mooncake trace lines that name a {@code session_id} read as multi-turn sessions, as aiperf groups them. */
class MooncakeSessionsTest {
    private final Tokenizer tokenizer = new JTokkitTokenizer();

    @TempDir
    Path dir;

    /** Two interleaved sessions and a line of no session between them. */
    private Path mixed() throws IOException {
        return Files.writeString(dir.resolve("mixed.jsonl"), """
                {"session_id": "b", "timestamp": 100, "input_length": 30, "output_length": 3, "hash_ids": [1]}
                {"session_id": "a", "timestamp": 50, "input_length": 20, "output_length": 2}
                {"timestamp": 70, "input_length": 11, "output_length": 1}
                {"session_id": "b", "delay": 400, "input_length": 31, "output_length": 4}
                {"session_id": "a", "timestamp": 1050, "input_length": 21, "output_length": 5}
                {"session_id": "b", "input_length": 32, "output_length": 6}
                """);
    }

    @Test
    void linesOfOneSessionAreItsTurnsInFileOrderAndALineWithoutAnIdIsASessionOfItsOwn() throws IOException {
        List<MooncakeTraceReader.TraceEntry> entries = MooncakeTraceReader.read(mixed());
        assertTrue(MooncakeTraceReader.hasSessions(entries));
        List<List<MooncakeTraceReader.TraceEntry>> sessions = MooncakeTraceReader.sessions(entries);
        assertEquals(List.of(List.of(1L, 4L, 6L), List.of(2L, 5L), List.of(3L)),
                sessions.stream().map(s -> s.stream().map(MooncakeTraceReader.TraceEntry::line).toList()).toList(),
                "sessions in the order their first lines appear");
        assertEquals(400, entries.get(3).delayMillis(), 0);
        assertTrue(Double.isNaN(entries.get(5).delayMillis()), "no delay given");

        List<Conversation> read = DatasetPrompts.fromTraceSessions(mixed(), sessions,
                new SyntheticPrompts(tokenizer, 1, 0, 0), 0, 0.5, 0);
        assertEquals(List.of("b", "a", "line-3"), read.stream().map(Conversation::id).toList());
        Conversation b = read.get(0);
        assertEquals(List.of(30, 31, 32), b.turns().stream().map(ConversationTurn::inputTokens).toList());
        assertEquals(List.of(3, 4, 6), b.turns().stream().map(ConversationTurn::outputTokens).toList());
        assertEquals(List.of(0.0, 200.0, 0.0), b.turns().stream().map(ConversationTurn::delayMillis).toList(),
                "each delay times the ratio; none is 0");
        for (ConversationTurn turn : b.turns()) {
            assertEquals(turn.inputTokens(), tokenizer.count(turn.text()), "each new user turn has its exact length");
            assertTrue(Double.isNaN(turn.atMillis()), "timestamps are not used outside a replay");
        }
    }

    @Test
    void aReplayTimesLaterTurnsFromTheirSessionsFirstTimestampOverTheSpeedup() throws IOException {
        List<Conversation> read = DatasetPrompts.fromTraceSessions(mixed(),
                MooncakeTraceReader.sessions(MooncakeTraceReader.read(mixed())), new SyntheticPrompts(tokenizer, 1, 0, 0),
                0, 1, 2);
        Conversation a = read.get(1);
        assertTrue(Double.isNaN(a.turns().get(0).atMillis()), "the first turn goes when the schedule starts it");
        assertEquals(500, a.turns().get(1).atMillis(), 0, "(1050 - 50) / speedup 2");
        assertTrue(Double.isNaN(read.get(0).turns().get(1).atMillis()), "a delay line has no time of its own");
    }

    @Test
    void aTraceWithoutSessionIdsHasNone() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.jsonl"),
                "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 1}\n");
        assertFalse(MooncakeTraceReader.hasSessions(MooncakeTraceReader.read(plain)));
    }

    @Test
    void badSessionFieldsAndALaterTurnBeforeItsFirstAreNamedWithTheirLine() throws IOException {
        Path badId = Files.writeString(dir.resolve("id.jsonl"),
                "{\"session_id\": [1], \"input_length\": 5, \"output_length\": 1}\n");
        assertEquals(badId + ":1: 'session_id' must be a string",
                assertThrows(DatasetException.class, () -> MooncakeTraceReader.read(badId)).getMessage());
        Path badDelay = Files.writeString(dir.resolve("delay.jsonl"),
                "{\"session_id\": \"s\", \"delay\": -3, \"input_length\": 5, \"output_length\": 1}\n");
        assertEquals(badDelay + ":1: 'delay' must be a number of milliseconds >= 0",
                assertThrows(DatasetException.class, () -> MooncakeTraceReader.read(badDelay)).getMessage());
        Path backwards = Files.writeString(dir.resolve("back.jsonl"), """
                {"session_id": "s", "timestamp": 500, "input_length": 5, "output_length": 1}
                {"session_id": "s", "timestamp": 400, "input_length": 5, "output_length": 1}
                """);
        assertEquals(backwards + ":2: a later turn's 'timestamp' must not be before its session's first turn's "
                + "(line 1)", assertThrows(DatasetException.class, () -> DatasetPrompts.fromTraceSessions(backwards,
                MooncakeTraceReader.sessions(MooncakeTraceReader.read(backwards)),
                new SyntheticPrompts(tokenizer, 1, 0, 0), 0, 1, 1)).getMessage());
    }
}
