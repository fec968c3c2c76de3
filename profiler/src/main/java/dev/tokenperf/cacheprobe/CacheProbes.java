package dev.tokenperf.cacheprobe;

import dev.tokenperf.client.NettyClient;
import dev.tokenperf.energy.EnergyMeter;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** The probe's entry point: opens the profiler's client on the plan's server, runs the probe, closes it. */
public final class CacheProbes {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private CacheProbes() {
    }

    /**
     * @param out      the console
     * @param terminal whether the console is a terminal (a spinner runs while waiting for token 1)
     * @param meter    measures GPU energy over each context limit's requests, or null
     * @throws ProbeFailedException when the server cannot be reached or a request fails
     */
    public static List<CacheProbe.LimitResult> run(ProbePlan plan, PrintWriter out, boolean terminal,
                                                   EnergyMeter meter) throws InterruptedException, IOException {
        NettyClient netty = new NettyClient(plan.target(), plan.headers(), false, 1, CONNECT_TIMEOUT);
        try (ProbeClient client = new ProbeClient(netty, plan.requestTimeout())) {
            return new CacheProbe(plan, client, out, terminal, meter).run();
        }
    }
}
