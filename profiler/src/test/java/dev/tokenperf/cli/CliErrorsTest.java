package dev.tokenperf.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gives one line naming the problem and exit 2; an unreachable server gives one line and exit 1. */
class CliErrorsTest {

    private static void assertOneLine(CliRun run, String mustContain) {
        String err = run.err().strip();
        assertFalse(err.isEmpty(), "an error message is printed");
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(mustContain), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void unknownFlag() {
        CliRun run = CliRun.of("profile", "--concurrensy", "4");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertOneLine(run, "--concurrensy");
    }

    @Test
    void zeroConcurrency() {
        CliRun run = CliRun.of("profile", "--concurrency", "0");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertOneLine(run, "--concurrency must be >= 1");
    }

    /** It used to be reported as "cannot listen on 127.0.0.1:0: ..." with exit 1. */
    @Test
    void negativeEmulatorTimingIsAUsageErrorNotAListenFailure() {
        CliRun run = CliRun.of("emulate", "--port", "0", "--itl-ms", "-1");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertOneLine(run, "tokenperf: --itl-ms must be between 0 and 3600000 ms, got -1");
    }

    @Test
    void badEmulatorReasoningNamesItsFlag() {
        for (String[] bad : new String[][] {{"--reasoning-tokens", "-1"}, {"--reasoning-fraction", "1.5"},
                {"--reasoning-field", "thinking"}}) {
            CliRun run = CliRun.of("emulate", "--port", "0", bad[0], bad[1]);
            assertEquals(ExitCodes.USAGE, run.exitCode(), bad[0]);
            assertOneLine(run, bad[0]);
        }
    }

    @Test
    void benchClientStartsAnEmulatorOrDrivesAUrlNotBoth() {
        CliRun run = CliRun.of("bench-client", "--url", "http://127.0.0.1:1", "--emulator-cpus", "1");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertOneLine(run, "--url");
    }

    @Test
    void clientThreadsMustBePositive() {
        for (String command : new String[] {"profile", "bench-client"}) {
            CliRun run = CliRun.of(command, "--client-threads", "0");
            assertEquals(ExitCodes.USAGE, run.exitCode(), command);
            assertOneLine(run, "--client-threads");
        }
    }

    @Test
    void nonNumericValue() {
        CliRun run = CliRun.of("profile", "--request-count", "many");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertOneLine(run, "--request-count");
    }

    @Test
    void malformedUrl() {
        CliRun run = CliRun.of("profile", "--url", "ftp://example");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertOneLine(run, "--url");
        CliRun spaces = CliRun.of("profile", "--url", "http://bad host:80");
        assertEquals(ExitCodes.USAGE, spaces.exitCode());
        assertOneLine(spaces, "--url");
    }

    @Test
    void malformedExtraInput() {
        CliRun run = CliRun.of("profile", "--extra-inputs", "ignore_eos");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertOneLine(run, "--extra-inputs");
    }

    @Test
    void anUnknownInjectedFailureTypeIsAUsageError() {
        CliRun run = CliRun.of("emulate", "--port", "0", "--failure-injection-rate", "10", "--failure-types", "bogus");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertOneLine(run, "--failure-types: unknown failure type 'bogus'");
    }

    @Test
    void severalChoicesPerRequestAreRefusedBeforeAnyLoad() {
        // n:2 would interleave two choices in one stream: double the output length, half the ITL
        CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:9", "--model", "m", "--extra-inputs", "n:2");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertOneLine(run, "--extra-inputs n:2 asks for several choices per request");
    }

    @Test
    void unreachableServerIsARunFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun withDiscovery = CliRun.of("profile", "--url", "http://127.0.0.1:" + closedPort, "--streaming");
        assertEquals(ExitCodes.RUN_FAILED, withDiscovery.exitCode());
        assertOneLine(withDiscovery, "127.0.0.1:" + closedPort);

        CliRun withModel = CliRun.of("profile", "--url", "http://127.0.0.1:" + closedPort, "--model", "m");
        assertEquals(ExitCodes.RUN_FAILED, withModel.exitCode());
        assertOneLine(withModel, "cannot connect");
    }

    @Test
    void helpAndVersionListEverything() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("profile") && help.out().contains("emulate"), help.out());
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("tokenperf "), version.out());
        CliRun profileHelp = CliRun.of("profile", "--help");
        for (String flag : new String[] {"--url", "--model", "--endpoint-type", "--streaming", "--concurrency",
                "--request-count", "--benchmark-duration", "--warmup-request-count", "--isl", "--osl", "--api-key",
                "--header", "--extra-inputs", "--request-timeout", "--output-dir", "--emulate", "--insecure"}) {
            assertTrue(profileHelp.out().contains(flag), "profile --help lists " + flag);
        }
    }
}
