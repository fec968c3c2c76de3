package dev.tokenperf.warmup;

import dev.tokenperf.client.ChunkParser;
import dev.tokenperf.client.NettyClient;
import dev.tokenperf.client.ParsedChunk;
import dev.tokenperf.client.RequestBodyFactory;
import dev.tokenperf.client.RequestHeaders;
import dev.tokenperf.client.Target;
import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorTiming;
import dev.tokenperf.load.ClosedLoopDriver;
import dev.tokenperf.load.PhaseSpec;
import dev.tokenperf.load.RequestPlan;
import dev.tokenperf.load.StopCondition;
import dev.tokenperf.reports.metrics.MetricAccumulator;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.plan.RequestCancellation;
import dev.tokenperf.reports.plan.UrlSelection;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RequestRecords;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warms the client's own hot path before the first request to the target, against an in-process emulator on
 * 127.0.0.1 that answers at once, never the target: connection setup, the HTTP codec, SSE parsing, the chunk
 * scanner and Jackson's fallback, the request trace, the spill and histogram recording, all through the same
 * classes and with the run's endpoint type and streaming mode. Then it waits, bounded, until the JIT has
 * stopped compiling, so that compilation and class loading happen here rather than in the measured window.
 */
public final class ClientWarmup {
    /** Enough requests for the per-chunk code to pass HotSpot's C2 thresholds (about 10,000 calls). */
    private static final int REQUESTS = 320;
    private static final int OUTPUT_TOKENS = 32;
    private static final int CONCURRENCY = 4;
    /** The load's own bound: a slow (loaded) machine stops early rather than delaying the run. */
    private static final Duration LOAD_BOUND = Duration.ofMillis(3000);
    private static final Duration DRAIN_BOUND = Duration.ofMillis(1500);
    private static final long DRAIN_POLL_MILLIS = 40;
    private static final int DRAIN_QUIET_POLLS = 2;
    /** A chunk the plain scanner gives up on (an escape), so Jackson's fallback gets compiled too. */
    private static final byte[] ESCAPED_CHUNK =
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a \\\"quoted\\\" word\"}}]}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final int FALLBACK_PARSES = 4000;

    private ClientWarmup() {
    }

    /**
     * Runs the warmup with {@code clientThreads} event loops, as the run's client will have.
     *
     * @throws IOException when the stub or its client cannot be set up, or a warmup request fails
     */
    public static WarmupReport run(EndpointType type, boolean streaming, int clientThreads)
            throws InterruptedException, IOException {
        return run(type, streaming, clientThreads, REQUESTS, LOAD_BOUND, DRAIN_BOUND);
    }

    /** The warmup with its request count and bounds given (tests use few requests and wide bounds). */
    static WarmupReport run(EndpointType type, boolean streaming, int clientThreads, int requests,
                            Duration loadBound, Duration drainBound) throws InterruptedException, IOException {
        long start = System.nanoTime();
        long compileStart = JitClock.compileMillis();
        long classesStart = JitClock.loadedClasses();
        Counts counts = load(type, streaming, clientThreads, requests, loadBound);
        warmFallbackParser();
        CompileQueueDrain.Outcome drain = new CompileQueueDrain(JitClock::compileMillis, System::nanoTime,
                Thread::sleep, DRAIN_POLL_MILLIS, DRAIN_QUIET_POLLS).await(drainBound.toNanos());
        return new WarmupReport(System.nanoTime() - start, counts.requests, counts.chunks,
                JitClock.compileMillis() - compileStart, JitClock.loadedClasses() - classesStart, drain.drained());
    }

    private record Counts(long requests, long chunks) {
    }

    private static Counts load(EndpointType type, boolean streaming, int clientThreads, int requests,
                               Duration loadBound) throws InterruptedException, IOException {
        EmulatorTiming instant = new EmulatorTiming(0, 0, 0, 1, OUTPUT_TOKENS, "tokenperf-warmup");
        try (EmulatorServer stub = EmulatorServer.start(instant, 0, 1);
             NettyClient client = new NettyClient(Target.parse(stub.url()), RequestHeaders.of(null, List.of()),
                     false, clientThreads, Duration.ofSeconds(5));
             ClosedLoopDriver driver = new ClosedLoopDriver(client, type, streaming, "warmup", System.nanoTime(),
                     RequestCancellation.NONE, UrlSelection.of(stub.url()), 0);
             RecordSpill spill = RecordSpill.open()) {
            RequestBodyFactory bodies = new RequestBodyFactory(type, "tokenperf-warmup", streaming, Map.of());
            List<RequestPlan.Item> items = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                items.add(new RequestPlan.Item(bodies.body("warm the client up " + i, OUTPUT_TOKENS), 8,
                        OUTPUT_TOKENS));
            }
            driver.run(new PhaseSpec(false, CONCURRENCY, new StopCondition(requests, loadBound.toNanos()),
                    new RequestPlan(items), Duration.ofSeconds(5)), spill);
            return record(spill.finish());
        }
    }

    /** Records the warmup's records into the run's histograms' types, as the summary would after a run. */
    private static Counts record(RequestRecords records) throws IOException {
        MetricAccumulator ttft = new MetricAccumulator(MetricRegistry.TIME_TO_FIRST_TOKEN);
        MetricAccumulator gaps = new MetricAccumulator(MetricRegistry.INTER_CHUNK_LATENCY);
        long requests = 0;
        long chunks = 0;
        for (RequestRecord r : records) {
            if (!r.succeeded()) {
                throw new IOException("a client warmup request failed: " + r.error().message());
            }
            MetricRegistry.TIME_TO_FIRST_TOKEN.emit(r, ttft::record);
            MetricRegistry.INTER_CHUNK_LATENCY.emit(r, gaps::record);
            requests++;
            chunks += Math.max(1, r.chunkCount());
        }
        return new Counts(requests, chunks);
    }

    private static void warmFallbackParser() throws IOException {
        ParsedChunk chunk = new ParsedChunk();
        for (int i = 0; i < FALLBACK_PARSES; i++) {
            ChunkParser.parse(ESCAPED_CHUNK, chunk);
        }
    }
}
