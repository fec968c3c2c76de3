package dev.tokenperf.workloads.schedule;

import dev.tokenperf.workloads.dataset.DatasetException;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceReaderTest {

    @Test
    void entriesComeBackInTimeOrderWithEitherTimestampName(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.jsonl");
        Files.writeString(trace, """
                {"timestamp_ms": 250.5, "input_length": 10, "output_length": 2}

                {"timestamp": 0, "input_length": 20, "output_length": 3, "hash_ids": [7, 8]}
                {"timestamp_ms": 100, "input_length": 30, "output_length": 4}
                """);
        List<TraceEntry> entries = TraceReader.read(trace);
        assertEquals(List.of(0.0, 100.0, 250.5), entries.stream().map(TraceEntry::timestampMillis).toList());
        assertEquals(List.of(20, 30, 10), entries.stream().map(TraceEntry::inputLength).toList());
        assertArrayEquals(new long[] {7, 8}, entries.get(0).hashIds());
        assertEquals(250_500_000L, new TraceSchedule(entries, 1).offsetNanos(2));
        assertEquals(125_250_000L, new TraceSchedule(entries, 2).offsetNanos(2), "speedup 2 halves the gaps");
    }

    @Test
    void aLineWithoutATimestampIsNamed(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.jsonl");
        Files.writeString(trace, "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1}\n"
                + "{\"input_length\": 1, \"output_length\": 1}\n");
        DatasetException e = assertThrows(DatasetException.class, () -> TraceReader.read(trace));
        assertTrue(e.getMessage().contains(":2") && e.getMessage().contains("timestamp"), e.getMessage());
    }

    @Test
    void aTraceOfSessionsComesBackBySessionStartWithTurnsInFileOrder(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("sessions.jsonl");
        Files.writeString(trace, """
                {"session_id": "late", "timestamp": 900, "input_length": 1, "output_length": 1}
                {"session_id": "early", "timestamp": 100, "input_length": 2, "output_length": 1}
                {"session_id": "late", "delay": 50, "input_length": 3, "output_length": 1}
                {"session_id": "early", "input_length": 4, "output_length": 1}
                """);
        List<List<TraceEntry>> sessions = TraceReader.readSessions(trace);
        assertEquals(List.of(List.of(2, 4), List.of(1, 3)), sessions.stream()
                .map(s -> s.stream().map(TraceEntry::inputLength).toList()).toList());
        Path noStart = dir.resolve("nostart.jsonl");
        Files.writeString(noStart, "{\"session_id\": \"s\", \"delay\": 5, \"input_length\": 1, \"output_length\": 1}\n");
        assertEquals(noStart + ":1: a session's first line needs a numeric timestamp_ms (or timestamp)",
                assertThrows(DatasetException.class, () -> TraceReader.readSessions(noStart)).getMessage());
    }
}
