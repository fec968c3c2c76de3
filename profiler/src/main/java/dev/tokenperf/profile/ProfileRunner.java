package dev.tokenperf.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.client.NettyClient;
import dev.tokenperf.client.RequestBodyFactory;
import dev.tokenperf.client.Target;
import dev.tokenperf.reports.plan.Endpoint;
import dev.tokenperf.reports.plan.InputConfig;
import dev.tokenperf.reports.plan.LoadModel;
import dev.tokenperf.reports.plan.ModelSelection;
import dev.tokenperf.reports.plan.RunFacts;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.plan.Shard;
import dev.tokenperf.reports.plan.ShardClock;
import dev.tokenperf.reports.plan.StopConditions;
import dev.tokenperf.reports.plan.Warmup;
import dev.tokenperf.reports.record.StopReason;
import dev.tokenperf.time.Ticker;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;
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
import dev.tokenperf.load.SessionPhaseSpec;
import dev.tokenperf.load.StopCondition;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.ClientJit;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.Redactor;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.record.StopReport;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.warmup.ClientWarmup;
import dev.tokenperf.warmup.JitClock;
import dev.tokenperf.warmup.WarmupReport;
import dev.tokenperf.workloads.prompt.Conversation;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one profile: checks the server is reachable (and asks it for its model when none was given),
 * prepares every request body before the load starts, runs the warmup and measured phases, and returns
 * the {@link RunResult}. {@link #cancel()} (Ctrl-C) ends the run early with the results so far.
 */
public final class ProfileRunner {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private volatile ClosedLoopDriver driver;
    private volatile OpenLoopDriver openDriver;
    private volatile boolean cancelled;
    private MeasuredPhaseListener measuredPhaseListener = originNanos -> { };
    private Duration modelWait = Duration.ZERO;
    private Consumer<WarmupReport> clientWarmupListener;
    private final StartBarrier startBarrier = new StartBarrier(Instant::now);
    // the first response's Date header and when it arrived: the server's clock against ours
    private String firstServerDate;
    private Instant firstServerDateAt;

    /** Called on the runner's thread right before the measured phase starts (after any warmup). */
    @FunctionalInterface
    public interface MeasuredPhaseListener {
        /** @param originNanos the run's origin ({@link System#nanoTime()}), which its records' times count from */
        void beforeMeasuredPhase(long originNanos) throws InterruptedException;
    }

    /** Sets what runs between warmup and the measured phase (e.g. scraping server metrics, starting a meter). */
    public void onMeasuredPhase(MeasuredPhaseListener listener) {
        this.measuredPhaseListener = listener;
    }

    /** Before anything else, wait up to {@code timeout} for {@code GET /v1/models} to answer 2xx (zero: don't). */
    public void waitForModel(Duration timeout) {
        this.modelWait = timeout;
    }

    /**
     * Warms the client up against an in-process stub before the first request to the target
     * ({@link ClientWarmup}) and hands its report to {@code listener}; without this call there is no client
     * warmup.
     */
    public void warmClientFirst(Consumer<WarmupReport> listener) {
        this.clientWarmupListener = listener;
    }

    /**
     * Runs {@code requested}: the closed or open loop its load model names, warmup first.
     *
     * @param counters live counts of measured requests (for a progress line), or null
     */
    public RunResult run(RunPlan requested, RunInputs inputs, LoadCounters counters) throws InterruptedException {
        Endpoint asked = requested.endpoint();
        WarmupReport warmed = clientWarmupListener == null ? null : warmClient(requested);
        List<Target> targets = asked.urls().urls().stream().map(Target::parse).toList();
        try (NettyClient client = new NettyClient(targets, inputs.headers(), asked.insecure(),
                requested.client().threads(), PROBE_TIMEOUT)) {
            if (!modelWait.isZero()) {
                ModelWait.await(() -> modelsAnswer(client), Ticker.SYSTEM, TimeUnit.NANOSECONDS::sleep,
                        modelWait.toNanos(), client.target().toString());
            }
            RunPlan plan = asked.model() == null
                    ? requested.withEndpoint(asked.withModel(firstModel(client)))
                    : requested;
            // the first server answered /v1/models above or is probed here; every other one is probed here
            probe(client, asked.model() == null ? 1 : 0);
            Endpoint endpoint = plan.endpoint();
            String serverModelId = asked.model() == null ? endpoint.model() : listedModel(client, endpoint.model());
            RequestBodyFactory bodies = new RequestBodyFactory(endpoint.type(), endpoint.model(),
                    endpoint.streaming(), endpoint.extraInputs());
            // the whole plan is saved; this process drives its shard's part of it
            RunPlan share = plan.share();
            PromptSet prompts = shardPrompts(share, inputs.prompts());
            long seed = plan.workload().seed();

            long originNanos = System.nanoTime();
            Instant startTime = Instant.now();
            String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
            RequestRecords records;
            PhaseResult measured;
            Histogram loopLag;
            Histogram sendLag;
            GcPauseMeter gc;
            int maxConnections;
            long compiled;
            long cpuNanos;
            long measuredStartNanos;
            Instant measuredStart;
            try (RecordSpill spill = RecordSpill.open(Redactor.of(inputs.headers().secrets()));
                 ClosedLoopDriver loop = new ClosedLoopDriver(client, endpoint.type(), endpoint.streaming(),
                    runId, originNanos, endpoint.cancellation(), endpoint.urls(), seed);
                 OpenLoopDriver open = new OpenLoopDriver(client, endpoint.type(), endpoint.streaming(), runId,
                         originNanos, endpoint.cancellation(), endpoint.urls(), seed);
                 EventLoopLagProbe lagProbe = new EventLoopLagProbe(client.group(), client::reads)) {
                driver = loop;
                openDriver = open;
                if (cancelled) {
                    loop.cancel();
                    open.cancel();
                }
                loop.countInto(counters);
                open.countInto(counters);
                warmup(share, plan(bodies, endpoint,
                                prompts.warmup().isEmpty() ? prompts.measured() : prompts.warmup(), seed),
                        loop, open, spill);
                lagProbe.drain();
                open.sendLag().drain();
                client.takeMaxOpenConnections();
                // the shard waits for its start first, so the listener (the energy meter) sees only the window
                startBarrier.hold(plan.startAt());
                measuredPhaseListener.beforeMeasuredPhase(originNanos);
                measuredStartNanos = System.nanoTime();
                measuredStart = Instant.now();
                gc = new GcPauseMeter();
                long compileBefore = JitClock.compileMillis();
                long cpuBefore = JitClock.processCpuNanos();
                RequestPlan measuredPlan = plan(bodies, endpoint, prompts.measured(), seed);
                if (prompts.multiTurn()) {
                    measured = open.runSessions(sessionPhase(share, inputs.trace(), prompts.sessions(), bodies),
                            spill);
                } else {
                    measured = plan.load().openLoop()
                            ? open.run(openPhase(share, inputs.trace(), measuredPlan), spill)
                            : loop.run(closedPhase(share, measuredPlan), spill);
                }
                compiled = JitClock.compileMillis() - compileBefore;
                cpuNanos = cpuBefore < 0 ? -1 : JitClock.processCpuNanos() - cpuBefore;
                loopLag = lagProbe.drain();
                sendLag = plan.load().openLoop() || prompts.multiTurn() ? open.sendLag().drain() : null;
                maxConnections = client.takeMaxOpenConnections();
                records = spill.finish();
            }
            ClientHealth health = health(share, inputs.trace(), measured, loopLag, sendLag, gc, maxConnections,
                    jit(warmed, compiled, cpuNanos, measured));
            RunFacts facts = inputs.facts().withRun(promptSetHash(prompts.measured()), serverModelId,
                    client.eventLoopsUsed(), new ShardClock(HostName.local(), measuredStart, originNanos,
                            measuredStartNanos, ServerDate.offsetSeconds(firstServerDate, firstServerDateAt)));
            boolean interrupted = measured.cancelled() || cancelled;
            return new RunResult(ToolVersion.version(), InputConfig.write(plan, facts), startTime, Instant.now(),
                    measured.durationNanos(), endpoint.streaming(), interrupted, records, health,
                    stopReport(share, measured, interrupted), null);
        }
    }

    private PhaseResult warmup(RunPlan plan, RequestPlan requests, ClosedLoopDriver loop, OpenLoopDriver open,
                               RecordSpill spill) throws InterruptedException {
        Warmup warmup = plan.warmup();
        if (warmup.none()) {
            return PhaseResult.NONE;
        }
        StopCondition stop = new StopCondition(warmup.requestCount(), warmup.durationNanos());
        Duration timeout = plan.endpoint().requestTimeout();
        if (plan.load() instanceof LoadModel.OpenLoop rate) {
            // wrk2's way: warm up at the measured rate, then discard those samples
            return open.run(new OpenPhaseSpec(true, new RateSchedule(rate.rate(), ArrivalPattern.CONSTANT, 1,
                    0, rate.seed() + 1), rate.maxInFlight(), stop, requests, timeout, PhaseLimits.DEFAULT), spill);
        }
        return loop.run(new PhaseSpec(true, warmupConcurrency(plan), stop, requests, timeout), spill);
    }

    /** A closed-loop warmup (also before a trace replay) uses no more connections than it has requests. */
    static int warmupConcurrency(RunPlan plan) {
        int concurrency = plan.load().concurrency();
        int count = plan.warmup().requestCount();
        return count > 0 ? Math.min(concurrency, count) : concurrency;
    }

    static PhaseSpec closedPhase(RunPlan plan, RequestPlan requests) {
        LoadModel.ClosedLoop closed = (LoadModel.ClosedLoop) plan.load();
        StopConditions stop = plan.stop();
        return new PhaseSpec(false, closed.concurrency(), new StopCondition(stop.requestCount(), stop.durationNanos()),
                requests, plan.endpoint().requestTimeout(), new PhaseLimits(stop.gracePeriodNanos(),
                stop.failedRequestThreshold(), secondsToNanos(closed.rampSeconds()), stop.failedRequestRatio()));
    }

    static OpenPhaseSpec openPhase(RunPlan plan, List<TraceEntry> trace, RequestPlan requests) {
        StopCondition until = until(plan.stop());
        PhaseLimits limits = scheduledLimits(plan.stop());
        Duration timeout = plan.endpoint().requestTimeout();
        if (plan.load() instanceof LoadModel.TraceReplay replay) {
            // the prompts were built from the same trace entries, in the same (time) order
            return new OpenPhaseSpec(false, traceSchedule(plan, trace), replay.maxInFlight(), until, requests,
                    timeout, limits);
        }
        LoadModel.OpenLoop rate = (LoadModel.OpenLoop) plan.load();
        return new OpenPhaseSpec(false, new RateSchedule(rate.rate(), rate.pattern(), rate.smoothness(),
                rate.rampSeconds(), rate.seed()), rate.maxInFlight(), until, requests, timeout, limits);
    }

    /** A trace replay's schedule: this shard's every N-th entry at the whole trace's times. */
    private static TraceSchedule traceSchedule(RunPlan plan, List<TraceEntry> trace) {
        LoadModel.TraceReplay replay = (LoadModel.TraceReplay) plan.load();
        return new TraceSchedule(plan.shard().owned(trace), replay.speedup(), trace.get(0).timestampMillis());
    }

    /**
     * The measured prompts this shard sends: a trace's every N-th entry (they pair with its schedule), else its
     * positions in the one-process cycle through the prompt set ({@link Shard#positions}); its own warmup.
     */
    static PromptSet shardPrompts(RunPlan share, PromptSet all) {
        Shard shard = share.shard();
        if (shard.whole()) {
            return all;
        }
        boolean replay = share.load() instanceof LoadModel.TraceReplay;
        if (all.multiTurn()) {
            // whole sessions: shard i runs the sessions one process would have run at positions i, i+N, ... (a
            // replay's every N-th session, which pair with its schedule)
            return PromptSet.ofSessions(all.warmup(), replay ? shard.owned(all.sessions())
                    : shard.positions(all.sessions()), all.source());
        }
        List<RequestSpec> measured = replay ? shard.owned(all.measured()) : shard.positions(all.measured());
        return new PromptSet(all.warmup(), measured, all.source());
    }

    /**
     * The measured phase of a session run: {@code --concurrency} sessions in progress (closed loop), sessions
     * started at {@code --request-rate} (open loop), or a replayed trace's sessions started at their first lines'
     * times ({@code trace}, in the sessions' order); the last two capped by {@code --concurrency} when given.
     */
    static SessionPhaseSpec sessionPhase(RunPlan plan, List<TraceEntry> trace, List<Conversation> sessions,
                                         RequestBodyFactory bodies) {
        StopCondition until = until(plan.stop());
        PhaseLimits limits = scheduledLimits(plan.stop());
        Duration timeout = plan.endpoint().requestTimeout();
        // with several models, each session names one throughout: its history is that model's answers
        List<String> models = plan.endpoint().models().names().size() < 2 ? List.of()
                : models(plan.endpoint(), sessions.size(), plan.workload().seed());
        if (plan.load() instanceof LoadModel.TraceReplay replay) {
            return new SessionPhaseSpec(sessions, traceSchedule(plan, trace), replay.maxInFlight(), until, bodies,
                    models, timeout, limits);
        }
        if (plan.load() instanceof LoadModel.OpenLoop rate) {
            return new SessionPhaseSpec(sessions, new RateSchedule(rate.rate(), rate.pattern(), rate.smoothness(),
                    rate.rampSeconds(), rate.seed()), rate.maxInFlight(), until, bodies, models, timeout, limits);
        }
        return new SessionPhaseSpec(sessions, null, plan.load().concurrency(), until, bodies, models, timeout, limits);
    }

    private static StopCondition until(StopConditions stop) {
        return new StopCondition(stop.requestCount(), stop.durationNanos());
    }

    /** Grace period and failure thresholds of a phase whose ramp, if any, is part of its schedule. */
    private static PhaseLimits scheduledLimits(StopConditions stop) {
        return new PhaseLimits(stop.gracePeriodNanos(), stop.failedRequestThreshold(), 0, stop.failedRequestRatio());
    }

    /**
     * The model of each of {@code count} units (requests, or sessions) and of the repeats after them, unit
     * {@code i} taking entry {@code i mod size}: with several models taken in turn, a common multiple of
     * {@code count} and the model count, so the turn goes on unbroken across the repeat.
     */
    static List<String> models(Endpoint endpoint, int count, long seed) {
        List<String> names = endpoint.models().names();
        int total = names.size() > 1 && endpoint.models().strategy() == ModelSelection.Strategy.ROUND_ROBIN
                ? count / gcd(count, names.size()) * names.size() : count;
        return endpoint.models().sequence(total, seed);
    }

    /**
     * One item per request; for embeddings, each item is a batch of {@code endpoint.batchSize()} consecutive
     * prompts (wrapping around), whose requested input is their sum and whose requested output is none.
     * The phase's prepared requests, each body naming its model ({@link #models}).
     */
    private static RequestPlan plan(RequestBodyFactory bodies, Endpoint endpoint, List<RequestSpec> requests,
                                    long seed) {
        int size = endpoint.batchSize();
        int count = endpoint.type().generates() ? requests.size() : (requests.size() + size - 1) / size;
        List<String> names = endpoint.models().names();
        List<String> models = models(endpoint, count, seed);
        int total = models.size();
        Map<String, RequestBodyFactory> factories = new HashMap<>();
        List<RequestPlan.Item> items = new ArrayList<>(total);
        for (int j = 0; j < total; j++) {
            RequestBodyFactory factory = names.size() < 2 ? bodies
                    : factories.computeIfAbsent(models.get(j), bodies::withModel);
            int i = j % count;
            String model = names.size() < 2 ? null : models.get(j);
            if (endpoint.type().generates()) {
                RequestSpec request = requests.get(i);
                items.add(new RequestPlan.Item(factory.body(request), request.inputTokens(), request.outputTokens(),
                        model));
                continue;
            }
            List<RequestSpec> batch = new ArrayList<>(size);
            int inputTokens = 0;
            for (int k = 0; k < size; k++) {
                RequestSpec spec = requests.get((i * size + k) % requests.size());
                batch.add(spec);
                inputTokens += spec.inputTokens();
            }
            items.add(new RequestPlan.Item(factory.body(batch), inputTokens, -1, model));
        }
        return new RequestPlan(items);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long secondsToNanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    /**
     * The client's health as the load generator measured it; the schedule lag lives in the records, so the run's
     * one pass over them fills it in ({@code RunSummarizer}) and it is NaN here.
     */
    private static ClientHealth health(RunPlan plan, List<TraceEntry> trace, PhaseResult measured,
                                       Histogram loopLag, Histogram sendLag, GcPauseMeter gc, int maxConnections,
                                       ClientJit jit) {
        LoadModel load = plan.load();
        double target = load instanceof LoadModel.TraceReplay
                ? traceSchedule(plan, trace).targetRate()
                : load instanceof LoadModel.OpenLoop rate ? rate.rate() : Double.NaN;
        return new ClientHealth(load.mode(), target, measured.achievedRate(), load.concurrencyCapped(),
                Double.NaN,
                sendLag == null || sendLag.getTotalCount() == 0 ? 0 : sendLag.getValueAtPercentile(99) / 1e6,
                loopLag.getTotalCount() == 0 ? 0 : loopLag.getValueAtPercentile(99) / 1e6,
                loopLag.getTotalCount() == 0 ? 0 : loopLag.getMaxValue() / 1e6,
                gc.collections(), gc.millis(), maxConnections, plan.client().maxLagMillis(), jit);
    }

    private static ClientJit jit(WarmupReport warmed, long measuredCompileMillis, long measuredCpuNanos,
                                 PhaseResult measured) {
        return new ClientJit(warmed == null ? Double.NaN : warmed.durationNanos() / 1e6,
                warmed == null ? Double.NaN : warmed.compileMillis(), measuredCompileMillis,
                measured.durationNanos() / 1e6, measuredCpuNanos < 0 ? Double.NaN : measuredCpuNanos / 1e6);
    }

    private WarmupReport warmClient(RunPlan plan) throws InterruptedException {
        try {
            WarmupReport report = ClientWarmup.run(plan.endpoint().type(), plan.endpoint().streaming(),
                    plan.client().threads());
            clientWarmupListener.accept(report);
            return report;
        } catch (IOException e) {
            throw new RunFailedException("client warmup failed (--no-client-warmup skips it): " + e.getMessage());
        }
    }

    static StopReport stopReport(RunPlan plan, PhaseResult measured, boolean interrupted) {
        return new StopReport(stopReason(plan, measured, interrupted), plan.stop().gracePeriodNanos() / 1e9,
                measured.finishedInGrace(), measured.cut(), measured.abortMessage());
    }

    /** Why the measured phase stopped: an interrupt or abort first, then the limit it reached. */
    static StopReason stopReason(RunPlan plan, PhaseResult measured, boolean interrupted) {
        long issued = measured.recorded() + measured.unsent();
        StopConditions stop = plan.stop();
        if (interrupted) {
            return StopReason.INTERRUPTED;
        }
        if (measured.abortMessage() != null) {
            return StopReason.FAILED_REQUEST_THRESHOLD;
        }
        if (plan.load() instanceof LoadModel.TraceReplay replay && issued >= replay.entries()) {
            return StopReason.SCHEDULE_END;
        }
        if (stop.requestCount() > 0 && issued >= stop.requestCount()) {
            return StopReason.REQUEST_COUNT;
        }
        return stop.durationNanos() > 0 ? StopReason.BENCHMARK_DURATION : StopReason.SCHEDULE_END;
    }

    /** Stops sending and fails in-flight requests as cancelled; {@link #run} then returns what it has. */
    public void cancel() {
        cancelled = true;
        startBarrier.release();
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
    private String listedModel(NettyClient client, String model) throws InterruptedException {
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

    private boolean modelsAnswer(NettyClient client) throws InterruptedException {
        try {
            return fetch(client, "/v1/models").status() / 100 == 2;
        } catch (RunFailedException e) {
            return false;
        }
    }

    private String firstModel(NettyClient client) throws InterruptedException {
        NettyClient.HttpBody body = fetch(client, "/v1/models");
        if (body.status() == 401 || body.status() == 403) {
            throw new RunFailedException("GET " + client.target() + "/v1/models answered HTTP " + body.status()
                    + ": the server refused the credentials; check --api-key (or $OPENAI_API_KEY) and -H "
                    + "Authorization");
        }
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

    /** Connects once to each server from {@code from} on, so an unreachable one fails the run before any load. */
    private static void probe(NettyClient client, int from) throws InterruptedException {
        for (int i = from; i < client.targetCount(); i++) {
            Target target = client.target(i);
            try {
                Channel ch = client.connect(i).sync().channel();
                ch.close();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new RunFailedException("cannot connect to " + target + ": " + describe(e)
                        + tlsHint(target, e));
            }
        }
    }

    private NettyClient.HttpBody fetch(NettyClient client, String route) throws InterruptedException {
        try {
            NettyClient.HttpBody body = client.get(route, PROBE_TIMEOUT).get(PROBE_TIMEOUT.toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
            if (firstServerDateAt == null) {
                firstServerDate = body.date();
                firstServerDateAt = Instant.now();
            }
            return body;
        } catch (ExecutionException e) {
            throw new RunFailedException("cannot reach " + client.target() + ": " + describe(e.getCause())
                    + tlsHint(client.target(), e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RunFailedException("cannot reach " + client.target() + ": no answer within "
                    + PROBE_TIMEOUT.toSeconds() + " s");
        }
    }

    /** What to do about a failure on an https target: most are a certificate or a server without TLS. */
    static String tlsHint(Target target, Throwable e) {
        if (!target.secure()) {
            return "";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException) {
                return " (TLS verification failed; pass --insecure to accept a self-signed certificate)";
            }
            if (t instanceof io.netty.handler.ssl.NotSslRecordException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return " (the server did not answer TLS; if it serves plain HTTP, use an http:// URL)";
            }
        }
        return "";
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
