package dev.tokenperf.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad load-model flags fail before anything runs: exit 2 and one line naming the flag. */
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
    void rejectsBadSessionFlagsNamingTheFlag() {
        assertUsage("--conversation-num", "profile", "--conversation-num", "0");
        assertUsage("--conversation-turn-mean", "profile", "--num-sessions", "2", "--conversation-turn-mean", "0");
        assertUsage("--conversation-turn-delay-mean", "profile", "--conversation-turn-delay-mean", "-1");
        assertUsage("--conversation-turn-delay-ratio", "profile", "--session-delay-ratio", "-2");
        assertUsage("--conversation-num", "profile", "--conversation-num", "2", "--request-count", "5");
        assertUsage("--endpoint-type chat", "profile", "--conversation-num", "2", "--endpoint-type", "completions");
        assertUsage("--fixed-schedule", "profile", "--conversation-num", "2", "--fixed-schedule",
                CliRun.EXAMPLES.resolve("datasets/mooncake-trace.jsonl").toString());
    }
}
