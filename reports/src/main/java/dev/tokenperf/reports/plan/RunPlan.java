package dev.tokenperf.reports.plan;

import dev.tokenperf.reports.metrics.GoodputSlos;

/**
 * One run as the command line asked for it, validated once and then immutable.
 *
 * @param endpoint the server and what requests carry
 * @param workload what each request asks for
 * @param load     closed loop, open loop or trace replay
 * @param stop     when the measured phase stops (in a session run, its count is of sessions)
 * @param warmup   unmeasured load first
 * @param client   the load generator's threads and lag budget
 * @param goodput  the SLOs goodput is judged by, or null
 */
public record RunPlan(Endpoint endpoint, Workload workload, LoadModel load, StopConditions stop, Warmup warmup,
                      ClientSettings client, GoodputSlos goodput) {

    /** The rules between a session run and the rest of the plan. */
    public RunPlan {
        if (workload.sessions() && endpoint.type() != EndpointType.CHAT) {
            throw new IllegalArgumentException("multi-turn sessions (--conversation-num, --custom-dataset-type "
                    + "multi_turn) need --endpoint-type chat, got " + endpoint.type().option());
        }
        if (workload.sessions() && load instanceof LoadModel.TraceReplay) {
            throw new IllegalArgumentException("--fixed-schedule replays single requests at the trace's times; it "
                    + "cannot run sessions (--conversation-num)");
        }
    }

    /** The same run judged by goodput {@code slos} (null for none). */
    public RunPlan withGoodput(GoodputSlos slos) {
        return new RunPlan(endpoint, workload, load, stop, warmup, client, slos);
    }

    /** The same run against another endpoint (e.g. the model the server named). */
    public RunPlan withEndpoint(Endpoint newEndpoint) {
        return new RunPlan(newEndpoint, workload, load, stop, warmup, client, goodput);
    }
}
