package dev.tokenperf.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench-client --cold-start}'s flags are checked before anything starts (its run: {@code ColdStartBenchTest}). */
class BenchClientColdStartFlagsTest {

    @Test
    void anUnknownCaseIsAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.of("bench-client", "--cold-start", "--cold-start-cases", "c7", "--output-dir",
                dir.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--cold-start-cases: unknown case 'c7'"), run.err());
    }

    @Test
    void aColdStartAgainstAnotherServerIsAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.of("bench-client", "--cold-start", "--url", "http://127.0.0.1:9", "--output-dir",
                dir.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--cold-start starts its own emulator; drop --url"), run.err());
    }
}
