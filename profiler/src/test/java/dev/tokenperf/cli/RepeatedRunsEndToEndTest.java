package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Repeated runs' base directories through the offline commands: profile's own gate and gate judge the aggregate,
 * and compare of repeated runs with a single run tests run-level metrics across runs instead of printing n/a.
 * (Whether a shift is significant is the unit tests' job, on exact values: timings here depend on the machine.)
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RepeatedRunsEndToEndTest {

    private static CliRun profile(Path dir, String itlMs, int runs, String... more) {
        String[] base = {"profile", "--emulate", "--streaming", "--quiet", "--no-client-warmup", "--concurrency", "2",
                "--request-count", "16", "--num-warmup-requests", "0", "--isl", "16", "--osl", "8", "--ttft-ms", "2",
                "--itl-ms", itlMs, "--num-profile-runs", String.valueOf(runs), "--output-dir", dir.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void compareAndGateReadTheAggregates(@TempDir Path tmp) throws Exception {
        // no run has an error: the interval of the error count is [0, 0] (with two runs the t-interval of a
        // spread-out metric, such as throughput, is wide: t(0.975, 1 df) = 12.7)
        CliRun fast = profile(tmp.resolve("fast"), "2", 2, "--gate", "error_request_count<1");
        assertEquals(0, fast.exitCode(), fast.out() + fast.err());
        assertTrue(fast.out().contains("repeated runs: each statistic's worse bound"), fast.out());
        assertTrue(Files.isRegularFile(tmp.resolve("fast").resolve("gate-junit.xml")));
        // one run against two: the single run's spread is taken to be the runs' (see WelchT)
        CliRun slow = profile(tmp.resolve("slow"), "6", 1);
        assertEquals(0, slow.exitCode(), slow.err());

        CliRun compare = CliRun.of("compare", tmp.resolve("fast").toString(), tmp.resolve("slow").toString(),
                "--format", "json");
        assertEquals(0, compare.exitCode(), compare.err());
        JsonNode c = new ObjectMapper().readTree(compare.out()).path("comparisons").get(0);
        assertEquals("fast", c.path("base").asText());
        int acrossRuns = 0;
        for (JsonNode metric : c.path("metrics")) {
            String tag = metric.path("metric").asText();
            String test = metric.path("significance").path("test").asText();
            if (metric.path("stats").has("value")) {
                assertEquals("Welch t across runs", test, "a run-level metric is tested, not n/a: " + metric);
                assertTrue(metric.path("significance").path("p_value").isNumber(), metric.toString());
                acrossRuns++;
            } else {
                assertEquals("Mann-Whitney U", test, tag);
            }
        }
        assertEquals(3, acrossRuns, "output token throughput, request throughput, error count: " + c);
        CliRun console = CliRun.of("compare", tmp.resolve("fast").toString(), tmp.resolve("slow").toString());
        assertTrue(console.out().contains("repeated runs: values are means across runs"), console.out());
        assertFalse(console.out().contains("n/a (one value per run)"), console.out());

        // the emulator holds each first token 2 ms: no run's TTFT p50 is below that, so neither is the worse bound
        CliRun gate = CliRun.of("gate", tmp.resolve("fast").toString(), "--gate", "time_to_first_token.p50<2");
        assertEquals(ExitCodes.GATE_FAILED, gate.exitCode(), gate.out() + gate.err());
        assertTrue(gate.out().contains("FAIL time_to_first_token.p50<2"), gate.out());
    }
}
