package dev.tokenperf.cli;

import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.StopConditions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code profile} flags become one plan; a bad flag fails before anything runs, naming the flag. */
class ProfilePlanTest {

    private static ProfilePlan plan(String... args) {
        ProfileCommand command = new ProfileCommand();
        CommandLine line = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        line.parseArgs(args);
        return ProfilePlan.of(command.flags(), 11);
    }

    private static void assertUsage(String message, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "profile";
        System.arraycopy(args, 0, full, 1, args.length);
        CliRun run = CliRun.of(full);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertEquals("tokenperf: " + message + " (see 'tokenperf profile --help')", run.err().strip());
    }

    @Test
    void concurrencyAloneIsAClosedLoopWithTenRequestsPerConnection() {
        RunPlan plan = plan("--concurrency", "4", "--isl", "32", "--osl", "16").plan();
        assertEquals(new LoadModel.ClosedLoop(4, 0), plan.load());
        assertEquals(new StopConditions(40, 0, 30_000_000_000L, 0), plan.stop());
        assertEquals(32, plan.workload().isl());
        assertEquals(11, plan.workload().seed());
        assertEquals("http://localhost:8000", plan.endpoint().url());
    }

    @Test
    void concurrencyCapsARateOnlyWhenGiven() {
        assertEquals(0, plan("--request-rate", "5").plan().load().maxInFlight());
        assertEquals(3, plan("--request-rate", "5", "--concurrency", "3").plan().load().maxInFlight());
        assertEquals(50, plan("--request-rate", "5").plan().stop().requestCount());
    }

    @Test
    void aSweepPointSetsItsValueAndItsDefaultCount() {
        ProfileCommand command = new ProfileCommand();
        new CommandLine(command).parseArgs("--concurrency", "1,4", "--request-rate", "2", "--warmup-request-count",
                "3");
        ProfilePlan plan = ProfilePlan.of(command.flags(), 1);
        assertEquals("concurrency", plan.sweep().parameter());
        RunPlan point = plan.at(command.flags(), 4);
        assertEquals(4, point.load().maxInFlight());
        assertEquals(20, point.stop().requestCount());
        assertEquals(3, point.warmup().requestCount());

        ProfileCommand rates = new ProfileCommand();
        new CommandLine(rates).parseArgs("--request-rate", "1,8");
        ProfilePlan ratePlan = ProfilePlan.of(rates.flags(), 1);
        RunPlan fast = ratePlan.at(rates.flags(), 8);
        assertEquals(8, ((LoadModel.OpenLoop) fast.load()).rate());
        assertEquals(80, fast.stop().requestCount());
        assertNull(plan("--request-rate", "3").sweep());
    }

    @Test
    void aListFlagGivenAgainReplacesTheEarlierListAsFlagsAfterAnArgsFileDo() {
        ProfilePlan single = plan("--concurrency", "8", "--concurrency", "32");
        ProfilePlan rates = plan("--request-rate", "2,4,6", "--request-rate", "1,2,4");

        assertNull(single.sweep());
        assertEquals(32, single.plan().load().maxInFlight());
        assertEquals(List.of(1.0, 2.0, 4.0), rates.sweep().values());
    }

    @Test
    void aTraceReplaysItsEntriesAtItsSpeedup(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.jsonl");
        Files.writeString(trace, "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 2}\n"
                + "{\"timestamp\": 100, \"input_length\": 12, \"output_length\": 3}\n");
        ProfilePlan plan = plan("--fixed-schedule", trace.toString(), "--fixed-schedule-speedup", "2");
        LoadModel.TraceReplay replay = assertInstanceOf(LoadModel.TraceReplay.class, plan.plan().load());
        assertEquals(2, replay.entries());
        assertEquals(2.0, replay.speedup());
        assertEquals(2, plan.trace().size());
        assertEquals(2, plan.plan().stop().requestCount());
    }

    @Test
    void headerValuesStayOutOfThePlan() {
        ProfilePlan plan = plan("--api-key", "sk-secret", "-H", "X-Team:blue");
        assertEquals(java.util.List.of("Authorization: <redacted>", "X-Team: <redacted>"),
                plan.plan().endpoint().headers());
        assertTrue(plan.headers().toString().contains("<redacted>"));
    }

    @Test
    void eachBadFlagIsOneLineNamingItWithTheHelpHint() {
        assertUsage("--concurrency must be >= 1, got 0", "--concurrency", "0");
        assertUsage("--concurrency must be >= 1, got 0", "--concurrency", "2,0");
        assertUsage("--request-count must be >= 1, got 0", "--request-count", "0");
        assertUsage("--benchmark-duration must be > 0 and at most 2592000 seconds, got -1", "--benchmark-duration", "-1");
        assertUsage("--slice-duration must be > 0 seconds, got 0.0", "--slice-duration", "0");
        assertUsage("--slice-duration must be shorter than --benchmark-duration (10.0 s), got 10.0",
                "--benchmark-duration", "10", "--slice-duration", "10");
        assertUsage("--warmup-request-count must be >= 0, got -2", "--warmup-request-count", "-2");
        assertUsage("--isl must be between 1 and 10000000 tokens, got 0", "--isl", "0");
        assertUsage("--osl must be between 1 and 10000000 tokens, got 0", "--osl", "0");
        assertUsage("--request-timeout must be > 0 and at most 2592000 seconds, got 0", "--request-timeout", "0");
        assertUsage("--model must not be empty", "--model", " ");
        assertUsage("--request-rate must be > 0 and at most 1000000 requests/s, got 0", "--request-rate", "0");
        assertUsage("--arrival-smoothness must be > 0 and at most 1000000, got 0", "--request-rate", "1", "--arrival-smoothness", "0");
        assertUsage("--request-rate-ramp-duration needs --request-rate", "--request-rate-ramp-duration", "2");
        assertUsage("--request-rate-ramp-duration must be between 0 and 2592000 seconds, got -2", "--request-rate", "1",
                "--request-rate-ramp-duration", "-2");
        assertUsage("--concurrency-ramp-duration must be between 0 and 2592000 seconds, got -1", "--concurrency-ramp-duration",
                "-1");
        assertUsage("--benchmark-grace-period must be between 0 and 2592000 seconds, got -1", "--benchmark-grace-period", "-1");
        assertUsage("--failed-request-count-threshold must be >= 1, got 0", "--failed-request-count-threshold", "0");
        assertUsage("--failed-request-threshold must be a ratio in (0, 1), got 5.0", "--failed-request-threshold",
                "5");
        assertUsage("--client-threads must be >= 1, got 0", "--client-threads", "0");
        assertUsage("--max-client-lag-ms must be > 0 and at most 3600000 ms, got 0", "--max-client-lag-ms", "0");
        assertUsage("--warmup-duration must be > 0 and at most 2592000 seconds, got 0", "--warmup-duration", "0");
        assertUsage("--emulate starts its own server; drop --url or --emulate", "--emulate", "--url",
                "http://127.0.0.1:1");
        assertUsage("sweep one option at a time: --concurrency and --request-rate both list values",
                "--concurrency", "1,2", "--request-rate", "1,2");
        // a value listed twice would overwrite its first result
        assertUsage("--request-rate lists 2 twice (2,4,2); each value runs once, into request_rate_2/",
                "--request-rate", "2,4,2");
        assertUsage("--concurrency lists 4 twice (1,4,4); each value runs once, into concurrency_4/",
                "--concurrency", "1,4,4");
    }
}
