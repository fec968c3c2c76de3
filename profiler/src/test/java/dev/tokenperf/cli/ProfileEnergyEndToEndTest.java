package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorStall;
import dev.tokenperf.emulator.EmulatorTiming;
import dev.tokenperf.emulator.FaultInjection;
import dev.tokenperf.emulator.GpuPowerModel;
import dev.tokenperf.emulator.PrefixCacheSettings;
import dev.tokenperf.serving.ServingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GPU energy on {@code profile}, checked against the emulated GPU's own energy counter: the test reads the
 * counter before and after the run, and takes off the idle power of the time outside the run's telemetry
 * window (no stream is in flight then, so the GPU draws exactly its idle watts).
 */
class ProfileEnergyEndToEndTest {
    private static final double IDLE_WATTS = 50;
    private static final Pattern COUNTER = Pattern.compile("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION\\{[^}]*} (\\d+)");

    @TempDir
    Path dir;

    /** The emulated GPU's energy counter in joules, and when it was read (midpoint of the request). */
    private record Counter(double joules, long nanos) {
        static Counter read(HttpClient http, String url) throws Exception {
            long before = System.nanoTime();
            String text = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long after = System.nanoTime();
            Matcher m = COUNTER.matcher(text);
            assertTrue(m.find(), text);
            return new Counter(Long.parseLong(m.group(1)) / 1000.0, before + (after - before) / 2);
        }
    }

    @Test
    @Timeout(60)
    void reportedEnergyMatchesTheEmulatedGpusCounterAndFillsTheLedger() throws Exception {
        EmulatorTiming timing = new EmulatorTiming(20_000_000L, 0, 5_000_000L, 1, 40, "m");
        try (EmulatorServer server = EmulatorServer.start(timing, ServingModel.DEFAULTS, null, false,
                EmulatorStall.NONE, 0, 1, null, PrefixCacheSettings.DISABLED, new GpuPowerModel(IDLE_WATTS, 10),
                FaultInjection.NONE)) {
            HttpClient http = HttpClient.newHttpClient();
            String dcgm = server.url() + "/dcgm/metrics";
            Path ledger = dir.resolve("ledger.csv");
            Path result = dir.resolve("run");
            Counter.read(http, dcgm); // connects, so that the reads that count are quick and timed well
            Counter before = Counter.read(http, dcgm);
            CliRun run = CliRun.of("profile", "--url", server.url(), "--streaming", "--concurrency", "32",
                    "--request-count", "128", "--isl", "16", "--osl", "30", "--gpu-telemetry", "/dcgm/metrics",
                    "--telemetry-interval", "0.2", "--grid-intensity", "400", "--no-client-warmup",
                    "--slice-duration", "0.5", "--output-dir", result.toString(), "--ledger", ledger.toString());
            Counter after = Counter.read(http, dcgm);
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("GPU energy: ") && run.out().contains("from the energy counters"), run.out());

            JsonNode summary = CliRun.json(result.resolve("profile_export_aiperf.json"));
            double windowSeconds = summary.path("gpu_telemetry").path("gpus").path(0).path("seconds").asDouble();
            double outside = (after.nanos() - before.nanos()) / 1e9 - windowSeconds;
            double truth = after.joules() - before.joules() - IDLE_WATTS * outside;
            double reported = CliRun.stat(summary, "gpu_energy", "avg") * 3600;
            System.out.printf("energy: reported %.2f J, emulator counter %.2f J over the %.3f s window%n", reported,
                    truth, windowSeconds);
            assertTrue(outside > 0 && windowSeconds > 0, "the window lies inside the counter's readings");
            assertEquals(truth, reported, 0.01 * truth, "within 1% of the emulator's counter");
            assertTrue(truth > IDLE_WATTS * windowSeconds * 1.5, "streams were in flight during the window");
            assertEquals(reported / 3.6e6 * 400, CliRun.stat(summary, "co2_emissions", "avg"), 1e-9);

            JsonNode slices = CliRun.json(result.resolve("profile_export_aiperf_timeslices.json")).path("timeslices");
            assertTrue(slices.path(0).path("gpu_energy").path("avg").asDouble() > 0, slices.toString());

            List<String> header = Arrays.asList(Files.readAllLines(ledger).get(0).split(",", -1));
            List<String> row = Arrays.asList(Files.readAllLines(ledger).get(1).split(",", -1));
            assertEquals(reported / 3600, Double.parseDouble(row.get(header.indexOf("gpu_energy_wh"))), 1e-6);
            for (String column : List.of("co2_emissions_g", "tokens_per_joule", "avg_energy_per_prompt_wh")) {
                assertTrue(Double.parseDouble(row.get(header.indexOf(column))) > 0, column + " in " + row);
            }
        }
    }
}
