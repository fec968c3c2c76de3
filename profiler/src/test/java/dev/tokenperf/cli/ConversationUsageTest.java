package dev.tokenperf.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad session flags end with one line naming the flag and exit code 2, before any load or tokenizer. */
class ConversationUsageTest {
    private static void assertUsage(String flag, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("tokenperf: ") && run.err().contains(flag), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void badSessionFlagsAreRefusedByName() {
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
