package dev.tokenperf.energy;

import dev.tokenperf.reports.record.GpuEnergy;

import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.FaultInjection;
import dev.tokenperf.emulator.EmulatorStall;
import dev.tokenperf.emulator.EmulatorTiming;
import dev.tokenperf.emulator.GpuPowerModel;
import dev.tokenperf.emulator.PrefixCacheSettings;
import dev.tokenperf.serving.ServingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole chain against the emulator's GPU: with two streams in flight for the whole window its power is
 * 100 + 2 x 50 = 200 W, so the window's energy is 200 W x its length; the meter's figure from the DCGM energy
 * counter, and the one from integrating the power readings alone, must both be within 1% of it.
 */
class EmulatedGpuEnergyTest {

    /** The DCGM source with the energy counter hidden, as a source without one would read. */
    private record PowerOnly(TelemetrySource source) implements TelemetrySource {
        @Override
        public String describe() {
            return source.describe();
        }

        @Override
        public List<GpuReading> read() throws IOException, InterruptedException {
            return source.read().stream().map(r -> new GpuReading(r.gpu(), r.powerWatts(), Double.NaN,
                    r.utilPercent(), r.memoryUsedMib())).toList();
        }
    }

    @Test
    @Timeout(60)
    void energyOverTheWindowMatchesThePowerModelFromTheCounterAndFromPower() throws Exception {
        EmulatorTiming timing = new EmulatorTiming(0, 0, 5_000_000L, 1, 128, "m");
        try (EmulatorServer server = EmulatorServer.start(timing, ServingModel.DEFAULTS, null, false,
                EmulatorStall.NONE, 0, 1, null, PrefixCacheSettings.DISABLED, new GpuPowerModel(100, 50),
                FaultInjection.NONE)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest stream = HttpRequest.newBuilder(URI.create(server.url() + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"m\",\"prompt\":\"hi\",\"max_tokens\":1200,\"stream\":true}")).build();
            List<CompletableFuture<HttpResponse<Void>>> streams = List.of(
                    http.sendAsync(stream, HttpResponse.BodyHandlers.discarding()),
                    http.sendAsync(stream, HttpResponse.BodyHandlers.discarding()));
            while (server.stats().activeStreams() < 2) {
                Thread.sleep(5); // both 6-second streams are in flight before the window opens
            }
            DcgmSource dcgm = new DcgmSource(URI.create(server.url() + "/dcgm/metrics"));
            try (EnergyMeter counter = new EnergyMeter(List.of(dcgm), Duration.ofMillis(100), 480);
                 EnergyMeter power = new EnergyMeter(List.of(new PowerOnly(dcgm)), Duration.ofMillis(100), 480)) {
                assertEquals(null, counter.probe());
                counter.start();
                power.start();
                Thread.sleep(2_500);
                GpuEnergy fromPower = power.stop();
                GpuEnergy fromCounter = counter.stop();
                assertEquals(2, server.stats().activeStreams(), "the load stayed constant over the window");
                GpuEnergy.Gpu c = fromCounter.gpus().get(0);
                assertTrue(c.fromCounter());
                assertEquals(200 * c.seconds(), c.joules(), 0.01 * 200 * c.seconds(), "counter vs truth");
                GpuEnergy.Gpu p = fromPower.gpus().get(0);
                assertFalse(p.fromCounter());
                assertEquals(200 * p.seconds(), p.joules(), 0.01 * 200 * p.seconds(), "integrated power vs truth");
                assertEquals(200.0, p.peakWatts(), 1e-9);
            }
            streams.forEach(f -> f.cancel(true));
        }
    }
}
