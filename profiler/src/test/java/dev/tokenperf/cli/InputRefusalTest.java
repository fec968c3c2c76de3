package dev.tokenperf.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input is refused before any load is sent: one line naming the flag, exit 2. Every profile here points at a
 * closed port, so a run that got as far as sending would fail with exit 1 instead.
 */
class InputRefusalTest {
    private static String closedUrl;

    @BeforeAll
    static void closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    static void assertRefused(CliRun run, String mustContain) {
        String err = run.err().strip();
        assertEquals(ExitCodes.USAGE, run.exitCode(), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(mustContain), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    private static CliRun profile(String... flags) {
        String[] args = new String[flags.length + 6];
        args[0] = "profile";
        args[1] = "--url";
        args[2] = closedUrl;
        args[3] = "--model";
        args[4] = "m";
        args[5] = "--quiet";
        System.arraycopy(flags, 0, args, 6, flags.length);
        return CliRun.of(args);
    }

    @Test
    void unwritableOutputDirIsRefusedBeforeTheRun() {
        assertRefused(profile("--output-dir", "/proc/x/run"), "--output-dir /proc/x/run is not a writable directory");
    }

    @Test
    void emptyOutputDirIsAnErrorNotTheCurrentDirectory() {
        assertRefused(profile("--output-dir", ""), "--output-dir must name a directory");
    }

    @Test
    void compareAndPlotAndMergeCheckTheirOutputs(@TempDir Path tmp) {
        String missing = tmp.resolve("missing").toString();
        assertRefused(CliRun.of("compare", missing, missing, "-o", "/proc/x/diff.md"), "-o/--output /proc/x");
        assertRefused(CliRun.of("compare", missing, missing, "-o", tmp.toString()), "is a directory");
        assertRefused(CliRun.of("plot", missing, "--output-dir", "/proc/x/plots"), "--output-dir /proc/x/plots");
        assertRefused(CliRun.of("plot", missing, "--output-dir", ""), "--output-dir must name a directory");
        assertRefused(CliRun.of("merge", missing, missing, "--output-dir", "/proc/x/m"), "--output-dir /proc/x/m");
    }

    @Test
    void framingHeadersAreRefused() {
        for (String header : new String[] {"Content-Length: 5", "host: evil", "Transfer-Encoding: chunked",
                "Connection: close"}) {
            String name = header.substring(0, header.indexOf(':'));
            assertRefused(profile("-H", header), "-H/--header: " + name + " frames the request");
        }
    }

    /** Each of these once sent unbounded or empty requests, hung, overflowed after the run or threw. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--osl-stddev|1e99|--osl-stddev must be between 0 and 10000000 tokens, got 1.0E99",
        "--osl-stddev|NaN|--osl-stddev must be between 0 and 10000000 tokens, got NaN",
        "--isl-stddev|NaN|--isl-stddev must be between 0",
        "--isl-stddev|1e99|--isl-stddev must be between 0",
        "--stage-report-wait|1e99|--stage-report-wait must be between 0 and 3600 seconds",
        "--benchmark-duration|1e99|--benchmark-duration must be > 0 and at most 2592000 seconds",
        "--benchmark-grace-period|1e99|--benchmark-grace-period must be between 0 and 2592000 seconds",
        "--benchmark-grace-period|NaN|--benchmark-grace-period must be between 0",
        "--concurrency-ramp-duration|1e99|--concurrency-ramp-duration must be between 0 and 2592000 seconds",
        "--request-timeout|1e99|--request-timeout must be > 0 and at most 2592000 seconds",
        "--request-timeout|NaN|--request-timeout must be > 0",
        "--max-client-lag-ms|Infinity|--max-client-lag-ms must be > 0 and at most 3600000 ms",
        "--request-rate|1e99|--request-rate must be > 0 and at most 1000000 requests/s",
        "--warmup-duration|NaN|--warmup-duration must be > 0",
        "--isl|20000000|--isl must be between 1 and 10000000 tokens",
    })
    void numbersOutsideTheirRangeAreRefused(String flag, String value, String message) {
        assertRefused(profile(flag, value), message);
    }

    @Test
    void emulatorTimesAreFinite() {
        assertRefused(CliRun.of("emulate", "--port", "0", "--ttft-ms", "NaN"), "--ttft-ms must be between 0");
        assertRefused(CliRun.of("emulate", "--port", "0", "--itl-ms", "1e99"), "--itl-ms must be between 0");
        assertRefused(CliRun.of("emulate", "--port", "0", "--prefill-us-per-token", "NaN"),
                "--prefill-us-per-token must be between 0");
        assertRefused(CliRun.of("emulate", "--port", "0", "--stall-ms", "NaN"), "--stall-ms must be between 0");
    }

    @Test
    void urlPortOutOfRangeIsAUsageError() {
        assertRefused(CliRun.of("profile", "--url", "http://127.0.0.1:99999", "--model", "m"),
                "--url 'http://127.0.0.1:99999' has port 99999; a port is 1 to 65535");
    }

    @Test
    void inputFileBesideFixedScheduleIsRefusedNotIgnored(@TempDir Path tmp) throws IOException {
        Path trace = java.nio.file.Files.writeString(tmp.resolve("trace.jsonl"),
                "{\"timestamp\": 0, \"input_length\": 8, \"output_length\": 2, \"hash_ids\": [1]}\n");
        Path other = java.nio.file.Files.writeString(tmp.resolve("prompts.jsonl"), "{\"text\": \"hello\"}\n");
        assertRefused(profile("--fixed-schedule", trace.toString(), "--input-file", other.toString()),
                "--fixed-schedule replays its own trace's requests, so --input-file would be ignored");
    }

    /** It used to be "NativeIoException: bind(..) failed" with no word on what to do. */
    @Test
    void aStageReportPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = profile("--stage-report-port", String.valueOf(taken.getLocalPort()));
            String err = run.err().strip();
            assertEquals(ExitCodes.RUN_FAILED, run.exitCode(), err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains("--stage-report-port " + taken.getLocalPort() + " is already in use"), err);
        }
    }
}
