package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client warmup runs by default, says what it did, and is recorded in {@code client_health}; the flag skips it. */
class ClientWarmupEndToEndTest {

    private static JsonNode health(Path dir, String... extra) throws Exception {
        String[] args = {"profile", "--emulate", "--streaming", "--quiet", "--concurrency", "2", "--request-count",
                "4", "--isl", "16", "--osl", "4", "--ttft-ms", "1", "--itl-ms", "1", "--output-dir", dir.toString()};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        CliRun run = CliRun.of(all);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(extra.length == 0, run.out().contains("client warmup: "), run.out());
        return CliRun.json(dir.resolve("profile_export_aiperf.json")).path("client_health");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theWarmupIsOnByDefaultAndRecorded(@TempDir Path dir) throws Exception {
        JsonNode health = health(dir);

        assertTrue(health.path("client_warmup_ms").asDouble() > 0, health.toString());
        assertTrue(health.path("client_warmup_compile_ms").isNumber(), health.toString());
        assertTrue(health.path("measured_compile_ms").isNumber(), health.toString());
        assertTrue(health.path("measured_window_ms").asDouble() > 0, health.toString());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void noClientWarmupSkipsIt(@TempDir Path dir) throws Exception {
        JsonNode health = health(dir, "--no-client-warmup");

        assertTrue(health.path("client_warmup_ms").isNull(), health.toString());
        assertTrue(health.path("measured_compile_ms").isNumber(), health.toString());
    }
}
