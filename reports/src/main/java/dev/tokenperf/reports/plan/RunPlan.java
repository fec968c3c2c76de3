package dev.tokenperf.reports.plan;

import dev.tokenperf.reports.metrics.GoodputSlos;

import java.time.Instant;

/**
 * One run as the command line asked for it, validated once and then immutable. A sharded run's plan is the whole
 * run's; {@link #share()} is the part this process produces.
 *
 * @param endpoint the server and what requests carry
 * @param workload what each request asks for
 * @param load     closed loop, open loop or trace replay
 * @param stop     when the measured phase stops (in a session run, its count is of sessions)
 * @param warmup   unmeasured load first
 * @param client   the load generator's threads and lag budget
 * @param goodput  the SLOs goodput is judged by, or null
 * @param shard    which part of the load this process produces
 * @param startAt  when the measured phase starts ({@code --start-at}), or null for as soon as it can
 */
public record RunPlan(Endpoint endpoint, Workload workload, LoadModel load, StopConditions stop, Warmup warmup,
                      ClientSettings client, GoodputSlos goodput, Shard shard, Instant startAt) {

    /** A plan of one process, starting as soon as it can. */
    public RunPlan(Endpoint endpoint, Workload workload, LoadModel load, StopConditions stop, Warmup warmup,
                   ClientSettings client, GoodputSlos goodput) {
        this(endpoint, workload, load, stop, warmup, client, goodput, Shard.WHOLE, null);
    }

    /** The rules between a session run and the rest of the plan. */
    public RunPlan {
        shard = shard == null ? Shard.WHOLE : shard;
        if (workload.sessions() && endpoint.type() != EndpointType.CHAT) {
            throw new IllegalArgumentException("multi-turn sessions (--conversation-num, --custom-dataset-type "
                    + "multi_turn) need --endpoint-type chat, got " + endpoint.type().option());
        }
    }

    /** The same run judged by goodput {@code slos} (null for none). */
    public RunPlan withGoodput(GoodputSlos slos) {
        return new RunPlan(endpoint, workload, load, stop, warmup, client, slos, shard, startAt);
    }

    /** The same run against another endpoint (e.g. the model the server named). */
    public RunPlan withEndpoint(Endpoint newEndpoint) {
        return new RunPlan(newEndpoint, workload, load, stop, warmup, client, goodput, shard, startAt);
    }

    /** The same run at another load (a sweep point) and the stop conditions that go with it. */
    public RunPlan withLoad(LoadModel newLoad, StopConditions newStop) {
        return new RunPlan(endpoint, workload, newLoad, newStop, warmup, client, goodput, shard, startAt);
    }

    /** The same run as shard {@code newShard}, its measured phase held until {@code at} (null: no wait). */
    public RunPlan sharded(Shard newShard, Instant at) {
        return new RunPlan(endpoint, workload, load, stop, warmup, client, goodput, newShard, at);
    }

    /**
     * What this shard produces: its part of the concurrency (or in-flight cap), the rate from its own seeded
     * stream, its part of the request count and of a trace's entries (see {@link Shard}); the warmup is its own,
     * at its share of the load. The whole plan for one process.
     *
     * @throws IllegalArgumentException when the split leaves this shard nothing to do
     */
    public RunPlan share() {
        if (shard.whole()) {
            return this;
        }
        LoadModel part;
        if (load instanceof LoadModel.ClosedLoop closed) {
            part = new LoadModel.ClosedLoop(shard.positiveShare("--concurrency", closed.concurrency()),
                    closed.rampSeconds());
        } else if (load instanceof LoadModel.OpenLoop open) {
            part = new LoadModel.OpenLoop(shard.rate(open.rate()), open.pattern(), open.smoothness(),
                    shard.seed(open.seed()), open.rampSeconds(), capShare(open.cap()));
        } else {
            LoadModel.TraceReplay trace = (LoadModel.TraceReplay) load;
            part = new LoadModel.TraceReplay(shard.positiveShare("--fixed-schedule entries", trace.entries()),
                    trace.speedup(), capShare(trace.cap()));
        }
        StopConditions partStop = stop.requestCount() == 0 ? stop : new StopConditions(
                shard.positiveShare("--request-count", stop.requestCount()), stop.durationNanos(),
                stop.gracePeriodNanos(), stop.failedRequestThreshold(), stop.failedRequestRatio());
        return new RunPlan(endpoint, workload, part, partStop, warmup, client, goodput, shard, startAt);
    }

    private InFlightCap capShare(InFlightCap cap) {
        return cap.capped() ? new InFlightCap(shard.positiveShare("--concurrency", cap.concurrency()), true) : cap;
    }
}
