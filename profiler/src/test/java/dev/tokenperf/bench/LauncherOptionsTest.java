package dev.tokenperf.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherOptionsTest {

    @Test
    void commentsAndBlankLinesAreSkippedAndExceptLeavesAnOptionOutForThoseCommands() {
        List<String> lines = List.of("# a comment", "", "-XX:+UseSerialGC", "  -Xss1m  ",
                "-XX:TieredStopAtLevel=1 except bench-client emulate");

        assertEquals(List.of("-XX:+UseSerialGC", "-Xss1m", "-XX:TieredStopAtLevel=1"),
                LauncherOptions.parse(lines, "profile"));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xss1m"), LauncherOptions.parse(lines, "emulate"));
    }

    @Test
    void theBuiltFileGivesProfileC1OnlyAndBenchClientC2() throws Exception {
        List<String> profile = LauncherOptions.forCommand("profile");

        assertTrue(profile.contains("-XX:TieredStopAtLevel=1"), profile.toString());
        assertTrue(profile.contains("-XX:+UseSerialGC"), profile.toString());
        assertFalse(LauncherOptions.forCommand("bench-client").contains("-XX:TieredStopAtLevel=1"));
    }
}
