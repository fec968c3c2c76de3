package dev.tokenperf.bench;

import dev.tokenperf.wire.EmulatorLateness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What the bench learns from the emulator it drives, wherever it runs: its chunk lateness (fetched from
 * {@link EmulatorLateness#PATH}, so an in-process, child-process or remote {@code tokenperf emulate} answer
 * alike) and, when known, its CPU time. Called between steps on the bench's own thread, never on an event loop.
 */
public final class EmulatorProbe {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI latenessUri;
    private final LongSupplier cpuNanos;

    /**
     * @param baseUrl  the server's base URL
     * @param cpuNanos the emulator's CPU time so far, or null when it is not ours to measure
     */
    public EmulatorProbe(String baseUrl, LongSupplier cpuNanos) {
        this.latenessUri = URI.create(baseUrl + EmulatorLateness.PATH);
        this.cpuNanos = cpuNanos;
    }

    /** The emulator's cumulative lateness, or null when the server does not serve it (not a tokenperf emulator). */
    EmulatorLateness lateness() throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(latenessUri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? EmulatorLateness.fromJson(r.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The emulator's CPU time so far in nanoseconds, or -1 when unknown. */
    long cpuNanos() {
        return cpuNanos == null ? -1 : cpuNanos.getAsLong();
    }
}
