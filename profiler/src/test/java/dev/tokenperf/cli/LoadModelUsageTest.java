package dev.tokenperf.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad load-model, shard and start flags fail before anything runs: exit 2 and one line naming the flag. */
class LoadModelUsageTest {

    private static void assertUsage(String flag, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("tokenperf: ") && run.err().contains(flag), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void rejectsBadValuesNamingTheFlag() {
        assertUsage("--arrival-pattern", "profile", "--request-rate", "5", "--arrival-pattern", "bursty");
        assertUsage("--request-rate", "profile", "--request-rate", "0");
        assertUsage("--arrival-smoothness", "profile", "--request-rate", "5", "--arrival-smoothness", "-1");
        assertUsage("--fixed-schedule", "profile", "--fixed-schedule", "/nonexistent/trace.jsonl");
        assertUsage("--concurrency-ramp-duration", "profile", "--request-rate", "5", "--concurrency-ramp-duration", "2");
        assertUsage("--failed-request-threshold", "profile", "--failed-request-threshold", "0");
        assertUsage("sweep one option", "profile", "--emulate", "--request-rate", "1,2", "--concurrency", "1,2");
    }

    @Test
    void rejectsBadShardsNamingTheFlag() {
        assertUsage("--shard 2/2: I must be between 0 and N-1", "profile", "--shard", "2/2");
        assertUsage("--shard-count must be >= 1, got 0", "profile", "--shard-index", "0", "--shard-count", "0");
        assertUsage("--shard 0/2 disagrees with --shard-index/--shard-count (1/2)", "profile", "--shard", "0/2",
                "--shard-index", "1", "--shard-count", "2");
        assertUsage("--concurrency 2 split over 3 shards leaves shard 2 nothing", "profile", "--concurrency", "2",
                "--shard", "2/3");
        assertUsage("--request-count 1 split over 2 shards leaves shard 1 nothing", "profile", "--request-rate", "5",
                "--request-count", "1", "--shard", "1/2");
    }

    @Test
    void rejectsAStartInThePast() {
        assertUsage("--start-at 2020-01-01T00:00:00Z is in the past", "profile", "--start-at", "2020-01-01T00:00:00Z");
        assertUsage("--start-at must be an ISO-8601 instant", "profile", "--start-at", "tomorrow");
    }

    @Test
    void rejectsBadSessionFlagsNamingTheFlag() {
        assertUsage("--conversation-num", "profile", "--conversation-num", "0");
        assertUsage("--conversation-turn-mean", "profile", "--num-sessions", "2", "--conversation-turn-mean", "0");
        assertUsage("--conversation-turn-delay-mean", "profile", "--conversation-turn-delay-mean", "-1");
        assertUsage("--conversation-turn-delay-ratio", "profile", "--session-delay-ratio", "-2");
        assertUsage("--conversation-num", "profile", "--conversation-num", "2", "--request-count", "5");
        assertUsage("--endpoint-type chat", "profile", "--conversation-num", "2", "--endpoint-type", "completions");
        assertUsage("has no session_id lines, so it replays single requests", "profile", "--conversation-num", "2",
                "--fixed-schedule", CliRun.EXAMPLES.resolve("datasets/mooncake-trace.jsonl").toString());
        assertUsage("--conversation-turn-mean shapes synthetic sessions", "profile", "--input-file",
                CliRun.EXAMPLES.resolve("datasets/mooncake-sessions.jsonl").toString(), "--custom-dataset-type",
                "mooncake_trace", "--conversation-turn-mean", "3");
    }
}
