package dev.tokenperf.stages;

import com.sun.net.httpserver.HttpServer;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.servermetrics.GaugeSeries;
import dev.tokenperf.reports.servermetrics.ServerQuantity;
import dev.tokenperf.reports.record.ServerEvidence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector against a stub endpoint: the default endpoint's absence, and sampling during the window. */
@Timeout(30)
class ServerSideCollectorTest {
    private final AtomicInteger scrapes = new AtomicInteger();
    private HttpServer stub;

    private String start(int status, IntFunction<String> body) throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/metrics", exchange -> {
            byte[] bytes = body.apply(scrapes.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        stub.start();
        return "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    private static ServerSideCollector implicit(Duration interval) throws Exception {
        return ServerSideCollector.open(null, Duration.ZERO,
                new ServerMetricsSource(URI.create(ServerMetricsSource.DEFAULT_PATH), true, interval));
    }

    @Test
    void aTargetWithoutMetricsIsOneNoteAndIsNotAskedAgain() throws Exception {
        String base = start(404, n -> "no route /metrics");
        try (ServerSideCollector collector = implicit(Duration.ofMillis(50))) {
            collector.resolveAgainst(base);
            for (int run = 0; run < 2; run++) {
                collector.beforeMeasuredPhase();
                ServerEvidence evidence = collector.afterRun(RequestRecords.of(List.of()));
                assertEquals(List.of("no server metrics: scraping " + base + "/metrics answered HTTP 404"
                        + " (--no-server-metrics skips the attempt)"), evidence.notes());
                assertTrue(evidence.serverHistograms().isEmpty());
                assertTrue(evidence.serverActivity().isEmpty());
            }
        }
        assertEquals(1, scrapes.get(), "tried once, before the first run's measured phase");
    }

    @Test
    void aRefusedConnectionIsOneNote() throws Exception {
        try (ServerSideCollector collector = implicit(Duration.ofMillis(50))) {
            collector.resolveAgainst("http://127.0.0.1:1");
            collector.beforeMeasuredPhase();
            List<String> notes = collector.afterRun(RequestRecords.of(List.of())).notes();
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).startsWith("no server metrics: cannot scrape http://127.0.0.1:1/metrics: "),
                    notes.get(0));
        }
    }

    @Test
    void gaugesAreSampledOnEveryScrapeOfTheWindow() throws Exception {
        // scrape n sees n requests running
        String base = start(200, n -> "vllm:num_requests_running{model_name=\"m\"} " + n + "\n");
        try (ServerSideCollector collector = implicit(Duration.ofMillis(50))) {
            collector.resolveAgainst(base);
            collector.beforeMeasuredPhase();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (scrapes.get() < 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            ServerEvidence evidence = collector.afterRun(RequestRecords.of(List.of()));

            GaugeSeries running = evidence.serverActivity().gauge(ServerQuantity.REQUESTS_RUNNING);
            int n = scrapes.get();
            assertTrue(n >= 4, "sampled during the window: " + n);
            assertEquals(n, running.samples().size());
            for (int i = 0; i < n; i++) {
                assertEquals(i + 1.0, running.samples().get(i).value(), running.samples().toString());
            }
            assertEquals(0.0, running.samples().get(0).tMillis());
            assertEquals(List.of(), evidence.notes());
        }
    }
}
