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
 * The example multi_turn dataset against the emulator: every session keeps its id and its turns, and each later
 * turn's intended start is exactly its previous turn's end plus the file's delay times
 * {@code --conversation-turn-delay-ratio} (the schedule lag and the response-time metrics are measured from it).
 */
class MultiTurnDatasetEndToEndTest {
    private static final Map<String, long[]> DELAYS_MS = Map.of(
            "trip", new long[] {0, 1200, 800}, "code", new long[] {0, 2000},
            "garden", new long[] {0, 1500, 500, 300});

    @Test
    @Timeout(60)
    void sessionsKeepTheirTurnsAndThinkTimes(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("profile", "--emulate", "--streaming", "--no-client-warmup", "-q",
                "--concurrency", "3", "--input-file", CliRun.EXAMPLES.resolve("datasets/multi-turn.jsonl").toString(),
                "--custom-dataset-type", "multi_turn", "--conversation-num", "3", "--conversation-turn-delay-ratio",
                "0.25", "--osl", "5", "--ttft-ms", "1", "--itl-ms", "1", "--output-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        Map<String, List<JsonNode>> sessions = CliRun.jsonLines(dir.resolve("profile_export.jsonl")).stream()
                .map(r -> r.path("metadata"))
                .collect(Collectors.groupingBy(m -> m.path("session_id").asText()));
        assertEquals(DELAYS_MS.keySet(), sessions.keySet());
        sessions.forEach((id, turns) -> {
            turns.sort(Comparator.comparingInt(m -> m.path("turn_index").asInt()));
            long[] delays = DELAYS_MS.get(id);
            assertEquals(delays.length, turns.size(), id);
            for (int k = 1; k < turns.size(); k++) {
                long previousEnd = turns.get(k - 1).path("request_end_ns").asLong();
                assertEquals(previousEnd + delays[k] * 1_000_000 / 4, turns.get(k).path("request_intended_start_ns")
                        .asLong(), id + " turn " + k);
            }
        });
    }
}
