package dev.tokenperf.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.cli.RunFailedException;
import dev.tokenperf.cli.VersionProvider;
import dev.tokenperf.client.NettyClient;
import dev.tokenperf.client.RequestBodyFactory;
import dev.tokenperf.load.ClosedLoopDriver;
import dev.tokenperf.load.PhaseResult;
import dev.tokenperf.load.PhaseSpec;
import dev.tokenperf.load.RequestPlan;
import dev.tokenperf.load.StopCondition;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.workloads.prompt.PlaceholderPrompts;
import io.netty.channel.Channel;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs one profile: checks the server is reachable (and asks it for its model when none was given),
 * prepares every request body before the load starts, runs the warmup and measured phases, and returns
 * the {@link RunResult}. {@link #cancel()} (Ctrl-C) ends the run early with the results so far.
 */
public final class ProfileRunner {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int clientThreads;
    private volatile ClosedLoopDriver driver;
    private volatile boolean cancelled;
    private volatile long resentRequests;
    private MeasuredPhaseListener measuredPhaseListener = () -> { };

    /** Called on the runner's thread right before the measured phase starts (after any warmup). */
    @FunctionalInterface
    public interface MeasuredPhaseListener {
        void beforeMeasuredPhase() throws InterruptedException;
    }

    /** @param clientThreads event loop threads of the client */
    public ProfileRunner(int clientThreads) {
        this.clientThreads = clientThreads;
    }

    /** Sets what runs between warmup and the measured phase (e.g. scraping server metrics). */
    public void onMeasuredPhase(MeasuredPhaseListener listener) {
        this.measuredPhaseListener = listener;
    }

    public RunResult run(ProfileSettings requested) throws InterruptedException {
        try (NettyClient client = new NettyClient(requested.target(), requested.headers(), requested.insecure(),
                clientThreads, PROBE_TIMEOUT)) {
            ProfileSettings settings = requested.model() == null
                    ? requested.withModel(firstModel(client))
                    : probe(client, requested);
            RequestBodyFactory bodies = new RequestBodyFactory(settings.endpoint(), settings.model(),
                    settings.streaming(), settings.extraInputs());

            long originNanos = System.nanoTime();
            Instant startTime = Instant.now();
            String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
            List<RequestRecord> records = new ArrayList<>();
            PhaseResult measured;
            try (ClosedLoopDriver loop = new ClosedLoopDriver(client, settings.endpoint(), settings.streaming(),
                    runId, originNanos)) {
                driver = loop;
                if (cancelled) {
                    loop.cancel();
                }
                if (settings.warmupRequestCount() > 0) {
                    int warmup = settings.warmupRequestCount();
                    PhaseResult warm = loop.run(new PhaseSpec(true, Math.min(settings.concurrency(), warmup),
                            StopCondition.requests(warmup), plan(settings, bodies, warmup, 1_000_000),
                            settings.requestTimeout()));
                    records.addAll(warm.records());
                }
                measuredPhaseListener.beforeMeasuredPhase();
                long count = settings.requestCount();
                int distinct = (int) Math.min(ProfileSettings.MAX_DISTINCT_PROMPTS,
                        count == 0 ? ProfileSettings.MAX_DISTINCT_PROMPTS : count);
                measured = loop.run(new PhaseSpec(false, settings.concurrency(),
                        new StopCondition(count, settings.durationNanos()), plan(settings, bodies, distinct, 0),
                        settings.requestTimeout()));
                records.addAll(measured.records());
            }
            resentRequests = measured.resentRequests();
            return new RunResult(VersionProvider.version(), settings.toConfiguration(), startTime, Instant.now(),
                    measured.durationNanos(), settings.streaming(), measured.cancelled() || cancelled, records);
        }
    }

    /** Measured requests of the last run that were resent because the server closed a kept-alive connection. */
    public long resentRequests() {
        return resentRequests;
    }

    /** Stops sending and fails in-flight requests as cancelled; {@link #run} then returns what it has. */
    public void cancel() {
        cancelled = true;
        ClosedLoopDriver current = driver;
        if (current != null) {
            current.cancel();
        }
    }

    private static RequestPlan plan(ProfileSettings settings, RequestBodyFactory bodies, int count, int indexOffset) {
        List<RequestPlan.Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String prompt = PlaceholderPrompts.prompt(indexOffset + i, settings.isl());
            items.add(new RequestPlan.Item(bodies.body(prompt, settings.osl()), settings.isl(), settings.osl()));
        }
        return new RequestPlan(items);
    }

    private static String firstModel(NettyClient client) throws InterruptedException {
        NettyClient.HttpBody body = fetch(client, "/v1/models");
        if (body.status() / 100 != 2) {
            throw new RunFailedException("GET " + client.target() + "/v1/models answered HTTP " + body.status()
                    + "; pass --model NAME");
        }
        try {
            JsonNode data = MAPPER.readTree(body.text()).path("data");
            if (data.isArray() && !data.isEmpty() && data.get(0).path("id").isTextual()) {
                return data.get(0).path("id").asText();
            }
        } catch (IOException e) {
            // fall through to the error below
        }
        throw new RunFailedException("GET " + client.target() + "/v1/models listed no model id; pass --model NAME");
    }

    private static ProfileSettings probe(NettyClient client, ProfileSettings settings) throws InterruptedException {
        try {
            Channel ch = client.connect().sync().channel();
            ch.close();
        } catch (Exception e) {
            throw new RunFailedException("cannot connect to " + client.target() + ": " + describe(e));
        }
        return settings;
    }

    private static NettyClient.HttpBody fetch(NettyClient client, String route) throws InterruptedException {
        try {
            return client.get(route, PROBE_TIMEOUT).get(PROBE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RunFailedException("cannot reach " + client.target() + ": " + describe(e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RunFailedException("cannot reach " + client.target() + ": no answer within "
                    + PROBE_TIMEOUT.toSeconds() + " s");
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
