package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The example mooncake trace with session ids replayed against the emulator: the records' session ids and turn
 * indexes are the file's, sessions start at their first lines' timestamps, and each later turn's intended start is
 * its previous turn's end plus its {@code delay}, or its session's start plus its timestamp's distance from the
 * first line's when that is later than the previous end (exact equalities: the schedule and the records share one
 * clock). Read as a dataset instead, the sessions run under the load model and only delays time later turns.
 */
class MooncakeSessionsEndToEndTest {
    private static final long MS = 1_000_000;

    @Test
    @Timeout(60)
    void recordsCarryTheTracesSessionsTurnsAndTimes(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--no-client-warmup", "-q", "--fixed-schedule",
                CliRun.EXAMPLES.resolve("datasets/mooncake-sessions.jsonl").toString(), "--ttft-ms", "1",
                "--itl-ms", "1", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        Map<String, List<JsonNode>> sessions = bySession(dir);
        assertEquals(Map.of("chat-1", List.of(0, 1, 2), "chat-2", List.of(0, 1), "line-3", List.of(0)),
                sessions.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
                        .map(m -> m.path("turn_index").asInt()).toList())));

        List<JsonNode> chat1 = sessions.get("chat-1");
        List<JsonNode> chat2 = sessions.get("chat-2");
        long start1 = intended(chat1.get(0));
        assertEquals(start1 + 100 * MS, intended(chat2.get(0)), "chat-2 starts at its timestamp");
        assertEquals(start1 + 150 * MS, intended(sessions.get("line-3").get(0)), "a line of no session: one turn");
        assertEquals(end(chat1.get(0)) + 200 * MS, intended(chat1.get(1)), "delay 200 after the previous answer");
        assertEquals(end(chat1.get(1)) + 100 * MS, intended(chat1.get(2)), "delay 100 after the previous answer");
        assertEquals(Math.max(end(chat2.get(0)), intended(chat2.get(0)) + 500 * MS), intended(chat2.get(1)),
                "timestamp 600: 500 ms after its session's start, never before the previous answer");
    }

    @Test
    @Timeout(60)
    void asADatasetTheSessionsRunUnderTheLoadModelWithTheirDelaysAndNoTimestamps(@TempDir Path dir)
            throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--no-client-warmup", "-q", "--concurrency", "3",
                "--input-file", CliRun.EXAMPLES.resolve("datasets/mooncake-sessions.jsonl").toString(),
                "--custom-dataset-type", "mooncake_trace", "--conversation-num", "3",
                "--conversation-turn-delay-ratio", "0.5", "--ttft-ms", "1",
                "--itl-ms", "1", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        Map<String, List<JsonNode>> sessions = bySession(dir);
        assertEquals(Map.of("chat-1", 3, "chat-2", 2, "line-3", 1), sessions.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())));
        List<JsonNode> chat1 = sessions.get("chat-1");
        List<JsonNode> chat2 = sessions.get("chat-2");
        assertEquals(end(chat1.get(0)) + 100 * MS, intended(chat1.get(1)), "delay 200 times the ratio 0.5");
        assertEquals(end(chat1.get(1)) + 50 * MS, intended(chat1.get(2)));
        assertEquals(end(chat2.get(0)), intended(chat2.get(1)), "no delay: the timestamp is not used");
    }

    /** Each session's records' metadata, by session id, in turn order. */
    private static Map<String, List<JsonNode>> bySession(Path dir) throws Exception {
        Map<String, List<JsonNode>> sessions = CliRun.jsonLines(dir.resolve("profile_export.jsonl")).stream()
                .map(r -> r.path("metadata"))
                .collect(Collectors.groupingBy(m -> m.path("session_id").asText()));
        sessions.values().forEach(turns -> turns.sort(Comparator.comparingInt(m -> m.path("turn_index").asInt())));
        return sessions;
    }

    private static long intended(JsonNode metadata) {
        return metadata.path("request_intended_start_ns").asLong();
    }

    private static long end(JsonNode metadata) {
        return metadata.path("request_end_ns").asLong();
    }
}
