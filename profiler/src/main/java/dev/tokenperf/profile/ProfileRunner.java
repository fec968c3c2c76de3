package dev.tokenperf.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.cli.RunFailedException;
import dev.tokenperf.cli.VersionProvider;
import dev.tokenperf.client.NettyClient;
import dev.tokenperf.client.RequestBodyFactory;
import dev.tokenperf.health.EventLoopLagProbe;
import dev.tokenperf.health.GcPauseMeter;
import dev.tokenperf.load.ClosedLoopDriver;
import dev.tokenperf.load.LoadCounters;
import dev.tokenperf.load.OpenLoopDriver;
import dev.tokenperf.load.OpenPhaseSpec;
import dev.tokenperf.load.PhaseLimits;
import dev.tokenperf.load.PhaseResult;
import dev.tokenperf.load.PhaseSpec;
import dev.tokenperf.load.RequestPlan;
import dev.tokenperf.load.StopCondition;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.record.StopReport;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.workloads.prompt.PromptSet;
import dev.tokenperf.workloads.prompt.PromptSetHash;
import dev.tokenperf.workloads.prompt.RequestSpec;
import dev.tokenperf.workloads.schedule.ArrivalPattern;
import dev.tokenperf.workloads.schedule.RateSchedule;
import dev.tokenperf.workloads.schedule.TraceSchedule;
import io.netty.channel.Channel;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private volatile OpenLoopDriver openDriver;
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

    /**
     * Runs one profile under {@code load}.
     *
     * @param prompts  the requests to send, built before the run (request {@code i} uses entry {@code i mod size})
     * @param counters live counts of measured requests (for a progress line), or null
     */
    public RunResult run(ProfileSettings requested, PromptSet prompts, LoadModel load, LoadCounters counters)
            throws InterruptedException {
        try (NettyClient client = new NettyClient(requested.target(), requested.headers(), requested.insecure(),
                clientThreads, PROBE_TIMEOUT)) {
            ProfileSettings settings = requested.model() == null
                    ? requested.withModel(firstModel(client))
                    : probe(client, requested);
            String serverModelId = requested.model() == null ? settings.model()
                    : listedModel(client, settings.model());
            RequestBodyFactory bodies = new RequestBodyFactory(settings.endpoint(), settings.model(),
                    settings.streaming(), settings.extraInputs());

            long originNanos = System.nanoTime();
            Instant startTime = Instant.now();
            String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
            RequestRecords records;
            PhaseResult measured;
            Histogram loopLag;
            Histogram sendLag;
            GcPauseMeter gc;
            int maxConnections;
            ClientHealth health;
            try (RecordSpill spill = RecordSpill.open();
                 ClosedLoopDriver loop = new ClosedLoopDriver(client, settings.endpoint(), settings.streaming(),
                    runId, originNanos);
                 OpenLoopDriver open = new OpenLoopDriver(client, settings.endpoint(), settings.streaming(), runId,
                         originNanos);
                 EventLoopLagProbe lagProbe = new EventLoopLagProbe(client.group())) {
                driver = loop;
                openDriver = open;
                if (cancelled) {
                    loop.cancel();
                    open.cancel();
                }
                loop.countInto(counters);
                open.countInto(counters);
                warmup(settings, load, plan(bodies, prompts.warmup().isEmpty()
                        ? prompts.measured() : prompts.warmup()), loop, open, spill);
                lagProbe.drain();
                open.sendLag().drain();
                client.takeMaxOpenConnections();
                measuredPhaseListener.beforeMeasuredPhase();
                gc = new GcPauseMeter();
                RequestPlan measuredPlan = plan(bodies, prompts.measured());
                measured = load.openLoop()
                        ? open.run(openPhase(settings, load, measuredPlan), spill)
                        : loop.run(new PhaseSpec(false, settings.concurrency(),
                                new StopCondition(settings.requestCount(), settings.durationNanos()),
                                measuredPlan,
                                settings.requestTimeout(), new PhaseLimits(load.limits().gracePeriodNanos(),
                                load.limits().failedRequestThreshold(), secondsToNanos(load.rampSeconds()))), spill);
                loopLag = lagProbe.drain();
                sendLag = load.openLoop() ? open.sendLag().drain() : null;
                maxConnections = client.takeMaxOpenConnections();
                records = spill.finish();
            }
            health = health(load, measured, loopLag, sendLag, gc, maxConnections);
            Map<String, Object> configuration = settings.toConfiguration();
            @SuppressWarnings("unchecked")
            Map<String, Object> loadgen = (Map<String, Object>) configuration.get("loadgen");
            load.describeInto(loadgen);
            loadgen.put("client_threads", clientThreads);
            configuration.put("prompt_set_sha256", promptSetHash(prompts.measured()));
            configuration.put("server_model_id", serverModelId);
            boolean interrupted = measured.cancelled() || cancelled;
            resentRequests = measured.resentRequests();
            return new RunResult(VersionProvider.version(), configuration, startTime, Instant.now(),
                    measured.durationNanos(), settings.streaming(), interrupted, records, health,
                    stopReport(settings, load, measured, interrupted), null);
        }
    }

    /** Measured requests of the last run that were resent because the server closed a kept-alive connection. */
    public long resentRequests() {
        return resentRequests;
    }

    private PhaseResult warmup(ProfileSettings settings, LoadModel load, RequestPlan plan,
                               ClosedLoopDriver loop, OpenLoopDriver open, RecordSpill spill)
            throws InterruptedException {
        int count = settings.warmupRequestCount();
        long duration = load.warmupDurationNanos();
        if (count == 0 && duration == 0) {
            return PhaseResult.NONE;
        }
        StopCondition stop = new StopCondition(count, duration);
        if (load.requestRate() > 0) {
            // wrk2's way: warm up at the measured rate, then discard those samples
            return open.run(new OpenPhaseSpec(true, new RateSchedule(load.requestRate(), ArrivalPattern.CONSTANT, 1,
                    0, load.seed() + 1), load.concurrencyCapped() ? settings.concurrency() : 0, stop,
                    plan, settings.requestTimeout(), PhaseLimits.DEFAULT), spill);
        }
        int concurrency = count > 0 ? Math.min(settings.concurrency(), count) : settings.concurrency();
        return loop.run(new PhaseSpec(true, concurrency, stop, plan, settings.requestTimeout()), spill);
    }

    private static OpenPhaseSpec openPhase(ProfileSettings settings, LoadModel load, RequestPlan plan) {
        int cap = load.concurrencyCapped() ? settings.concurrency() : 0;
        StopCondition stop = new StopCondition(settings.requestCount(), settings.durationNanos());
        PhaseLimits limits = new PhaseLimits(load.limits().gracePeriodNanos(), load.limits().failedRequestThreshold(),
                0);
        if (load.trace() != null) {
            // the prompts were built from the same trace entries, in the same (time) order
            return new OpenPhaseSpec(false, new TraceSchedule(load.trace(), load.speedup()), cap, stop, plan,
                    settings.requestTimeout(), limits);
        }
        return new OpenPhaseSpec(false, new RateSchedule(load.requestRate(), load.pattern(), load.smoothness(),
                load.rampSeconds(), load.seed()), cap, stop, plan, settings.requestTimeout(), limits);
    }

    private static RequestPlan plan(RequestBodyFactory bodies, List<RequestSpec> requests) {
        List<RequestPlan.Item> items = new ArrayList<>(requests.size());
        for (RequestSpec request : requests) {
            items.add(new RequestPlan.Item(bodies.body(request), request.inputTokens(), request.outputTokens()));
        }
        return new RequestPlan(items);
    }

    private static long secondsToNanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    /**
     * The client's health as the load generator measured it; the schedule lag lives in the records, so the run's
     * one pass over them fills it in ({@code RunSummarizer}) and it is NaN here.
     */
    private static ClientHealth health(LoadModel load, PhaseResult measured, Histogram loopLag, Histogram sendLag,
                                       GcPauseMeter gc, int maxConnections) {
        double achieved = measured.achievedRate();
        double target = load.trace() != null ? new TraceSchedule(load.trace(), load.speedup()).targetRate()
                : load.requestRate() > 0 ? load.requestRate() : Double.NaN;
        return new ClientHealth(load.mode(), target, achieved, load.concurrencyCapped(),
                Double.NaN,
                sendLag == null || sendLag.getTotalCount() == 0 ? 0 : sendLag.getValueAtPercentile(99) / 1e6,
                loopLag.getTotalCount() == 0 ? 0 : loopLag.getValueAtPercentile(99) / 1e6,
                loopLag.getTotalCount() == 0 ? 0 : loopLag.getMaxValue() / 1e6,
                gc.collections(), gc.millis(), maxConnections, load.maxClientLagMillis());
    }

    private static StopReport stopReport(ProfileSettings settings, LoadModel load, PhaseResult measured,
                                         boolean interrupted) {
        String reason;
        if (interrupted) {
            reason = "interrupted";
        } else if (measured.abortMessage() != null) {
            reason = "failed_request_threshold";
        } else if (load.trace() != null && measured.recorded() + measured.cut() >= load.trace().size()) {
            reason = "schedule_end";
        } else if (settings.requestCount() > 0 && measured.recorded() + measured.cut() >= settings.requestCount()) {
            reason = "request_count";
        } else if (settings.durationNanos() > 0) {
            reason = "benchmark_duration";
        } else {
            reason = "schedule_end";
        }
        return new StopReport(reason, load.limits().gracePeriodNanos() / 1e9, measured.finishedInGrace(),
                measured.cut(), measured.abortMessage());
    }

    /** Stops sending and fails in-flight requests as cancelled; {@link #run} then returns what it has. */
    public void cancel() {
        cancelled = true;
        ClosedLoopDriver current = driver;
        if (current != null) {
            current.cancel();
        }
        OpenLoopDriver currentOpen = openDriver;
        if (currentOpen != null) {
            currentOpen.cancel();
        }
    }

    /** SHA-256 over the measured prompts in send order, so results can tell whether they sent the same set. */
    private static String promptSetHash(List<RequestSpec> requests) {
        PromptSetHash hash = new PromptSetHash();
        for (RequestSpec request : requests) {
            request.messages().forEach(m -> hash.add(m.content()));
        }
        return hash.hex();
    }

    /** The server's id for {@code model} from /v1/models (or its first model), or null when it lists none. */
    private static String listedModel(NettyClient client, String model) throws InterruptedException {
        try {
            NettyClient.HttpBody body = fetch(client, "/v1/models");
            if (body.status() / 100 != 2) {
                return null;
            }
            JsonNode data = MAPPER.readTree(body.text()).path("data");
            String first = null;
            for (JsonNode entry : data) {
                String id = entry.path("id").asText(null);
                if (model.equals(id)) {
                    return id;
                }
                first = first == null ? id : first;
            }
            return first;
        } catch (RunFailedException | IOException e) {
            return null;
        }
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
