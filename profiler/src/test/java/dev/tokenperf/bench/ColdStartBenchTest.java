package dev.tokenperf.bench;

import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smallest cold start: one fresh {@code profile} process (started with {@code java}, the launcher's options and
 * this class path: no launcher script, so no priming run) of two requests, without the client warmup to keep it
 * short, against an emulator in this JVM (the CLI's child emulator would cost a second JVM start). Its row holds
 * the process's own readings and what it measured; the figures themselves are not judged here.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hung child fails the build instead of hanging it
class ColdStartBenchTest {

    @Test
    void oneProcessGivesOneRowFromItsOwnResult(@TempDir Path dir) throws Exception {
        StringWriter console = new StringWriter();
        try (EmulatorServer emulator = EmulatorServer.start(new EmulatorTiming(5_000_000, 0, 1_000_000, 1, 4,
                "tokenperf-emulated"), 0, 1)) {
            ProfileLauncher launcher = ProfileLauncher.ofThisJvm();
            assertFalse(launcher.isScript());
            ColdStartBench bench = new ColdStartBench(launcher, emulator.url(), "tokenperf-emulated",
                    new EmulatorProbe(emulator.url(), null), dir, 8, 4, 5_000_000, List.of("--no-client-warmup"),
                    new PrintWriter(console, true));

            List<ColdStartRow> rows = bench.run(ColdStartCase.named(List.of("c1")).stream()
                    .map(c -> c.withRequests(2)).toList(), 1);

            ColdStartRow row = rows.get(0);
            assertEquals(1, rows.size(), console.toString());
            assertEquals(2, row.requests(), console.toString());
            assertEquals(8, row.chunks(), "2 requests of 4 one-token chunks");
            assertTrue(row.launchToFirstMillis() > 0, row.toString());
            assertTrue(Double.isNaN(row.clientWarmupMillis()), "the extra flag reached the process");
            assertFalse(Double.isNaN(row.firstTtftBiasMillis()), row.toString());
            assertFalse(Double.isNaN(row.serverLateP50Millis()), "the emulator reports its lateness");
            assertTrue(Files.exists(dir.resolve("c1-1/profile_export_aiperf.json")));
            assertTrue(console.toString().contains("c1: concurrency 1, 2 requests"), console.toString());
        }
    }
}
