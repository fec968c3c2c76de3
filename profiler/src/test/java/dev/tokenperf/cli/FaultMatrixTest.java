package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorStall;
import dev.tokenperf.emulator.EmulatorTiming;
import dev.tokenperf.emulator.FaultInjection;
import dev.tokenperf.emulator.InjectedFault;
import dev.tokenperf.emulator.PrefixCacheSettings;
import dev.tokenperf.serving.ServingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every fault the emulator injects, under chat and completions, streaming or not, closed and open loop: the
 * records are exactly the requests the emulator received, each failure has its stable kind, and the counts by
 * kind equal what the emulator says it injected. One emulator serves every combination (they run one after the
 * other, so counts are taken as differences); each run injects every fault type in turn, so eight short runs
 * cover the whole matrix. The two faults that hang (a stall mid-stream, headers that never end) end at a short
 * {@code --request-timeout}. Netty leaks fail the class through {@code LeakFailingExtension}.
 */
@Timeout(120)
class FaultMatrixTest {
    private static final int REQUESTS = 28; // at 50%, each of the fourteen faults once
    private static EmulatorServer emulator;

    @BeforeAll
    static void start() throws InterruptedException {
        emulator = EmulatorServer.start(new EmulatorTiming(1_000_000, 0, 500_000, 1, 16, "m"), ServingModel.DEFAULTS,
                null, false, EmulatorStall.NONE, 0, 1, null, PrefixCacheSettings.DISABLED, null,
                new FaultInjection(50, List.of()));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static Stream<Arguments> matrix() {
        return Stream.of("chat", "completions").flatMap(endpoint -> Stream.of(true, false).flatMap(
                streaming -> Stream.of("closed", "open").map(loop -> Arguments.of(endpoint, streaming, loop))));
    }

    @ParameterizedTest(name = "{0}, streaming {1}, {2} loop")
    @MethodSource("matrix")
    void everyInjectedFaultIsRecordedOnceWithItsKind(String endpoint, boolean streaming, String loop,
                                                     @TempDir Path dir) throws Exception {
        long receivedBefore = emulator.faults().requests();
        Map<InjectedFault, Long> injectedBefore = emulator.faults().injected();
        List<String> args = new java.util.ArrayList<>(List.of("profile", "--url", emulator.url(), "--model", "m",
                "--endpoint-type", endpoint, "--request-count", String.valueOf(REQUESTS), "--isl", "4", "--osl", "3",
                "--request-timeout", "1", "--no-client-warmup", "-q", "--output-dir", dir.toString()));
        if (streaming) {
            args.add("--streaming");
        }
        args.addAll(loop.equals("closed") ? List.of("--concurrency", "4")
                : List.of("--request-rate", "400", "--arrival-pattern", "constant"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        long received = emulator.faults().requests() - receivedBefore;
        Map<InjectedFault, Long> injected = new EnumMap<>(InjectedFault.class);
        emulator.faults().injected().forEach((f, n) -> {
            long delta = n - injectedBefore.getOrDefault(f, 0L);
            if (delta > 0) {
                injected.put(f, delta);
            }
        });

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertFalse((run.out() + run.err()).contains("Exception"), run.out() + run.err());
        assertFalse((run.out() + run.err()).contains("\tat "), "no stack trace");
        List<JsonNode> records = CliRun.jsonLines(dir.resolve("profile_export.jsonl"));
        assertEquals(received, records.size(), "records = requests the emulator received");

        Map<String, Long> kinds = new HashMap<>();
        for (JsonNode r : records) {
            JsonNode error = r.path("error");
            String key = error.isNull() ? "ok" : error.path("type").asText()
                    + (error.path("code").isNull() ? "" : " " + error.path("code").asInt());
            kinds.merge(key, 1L, Long::sum);
        }
        Map<String, Long> expected = new HashMap<>();
        injected.forEach((fault, n) -> expected.merge(expectedKind(fault, streaming), n, Long::sum));
        // a reset before any byte on a reused connection is resent (recorded as such), on a fresh one a failure
        long resets = kinds.getOrDefault("connection_reset", 0L) + kinds.getOrDefault("resent", 0L);
        kinds.remove("resent");
        kinds.remove("connection_reset");
        assertEquals(expected.remove("connection_reset"), resets == 0 ? null : resets, kinds.toString());
        kinds.remove("ok");
        expected.remove("ok");
        assertEquals(expected, kinds, "failures by kind = faults the emulator injected");
        assertEquals(streaming ? 1 : 0, records.stream().filter(r -> r.path("error").path("message").asText()
                .contains("SSE line longer than 4194304 bytes")).count(), "the oversize event names the limit");
        assertEquals(1, records.stream().filter(r -> r.path("error").path("message").asText()
                .contains("invalid UTF-8")).count(), "invalid UTF-8 is named");

        JsonNode summary = CliRun.json(dir.resolve("profile_export_aiperf.json"));
        long failedRecords = records.stream().filter(r -> !r.path("error").isNull()).count();
        assertEquals(failedRecords, summary.path("error_request_count").path("avg").asLong()
                + summary.path("resent_request_count").asLong());
    }

    private static String expectedKind(InjectedFault fault, boolean streaming) {
        return switch (fault) {
            case RATE_LIMIT -> "http_status 429";
            case INVALID_API_KEY -> "http_status 401";
            case CONTEXT_LENGTH, INVALID_REQUEST -> "http_status 400";
            case SERVER_ERROR -> "http_status 503";
            case MODEL_NOT_FOUND -> "http_status 404";
            case RESET_BEFORE_HEADERS, RESET_MID_STREAM -> "connection_reset";
            case MALFORMED_CHUNK -> "malformed_response";
            case ERROR_EVENT -> "server_error";
            case STALL_MID_STREAM, SLOW_HEADERS -> "timeout";
            case OVERSIZE_EVENT -> streaming ? "malformed_response" : "ok"; // no event to make too long
            case INVALID_UTF8 -> "malformed_response";
        };
    }
}
