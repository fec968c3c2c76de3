package dev.tokenperf.cli;

import dev.tokenperf.reports.export.PredictedTtft;
import dev.tokenperf.simulate.LatencySummary;
import dev.tokenperf.simulate.SimulationConfig;
import dev.tokenperf.simulate.SimulationFile;
import dev.tokenperf.simulate.Simulator;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --predict-with FILE} on a {@code profile} rate sweep: the simulator, configured by the file
 * {@code simulate --config} and {@code --emulator-config} take, run at each swept rate in simulated time, so
 * its TTFT sits beside the measured one in the sweep table (and with {@code --plots} in the sweep's TTFT chart).
 */
public final class PredictOptions {
    @Option(names = "--predict-with", paramLabel = "FILE",
            description = "With a --request-rate sweep: simulate the serving model of FILE (simulate's --config "
                    + "format) at each rate and show its predicted TTFT p50/p90/p99 beside the measured TTFT (with --plots "
                    + "also in SWEEP/plots/sweep_ttft.png, dashed).")
    Path file;

    /**
     * The simulation to run at each rate, or null without {@code --predict-with}; checked before any load.
     *
     * @param sweep the plan's sweep, or null when it has none
     */
    SimulationConfig base(ProfilePlan.Sweep sweep) {
        if (file == null) {
            return null;
        }
        if (sweep == null || sweep.byConcurrency()) {
            throw new UsageException("--predict-with needs a --request-rate sweep (two or more rates)");
        }
        try {
            SimulationConfig config = SimulationFile.read(file).config();
            config.withRate(sweep.values().get(0));
            return config;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--predict-with " + e.getMessage());
        }
    }

    /** The simulator's TTFT for {@code base} at {@code rate} requests per second. */
    static PredictedTtft predict(SimulationConfig base, double rate) {
        LatencySummary ttft = Simulator.run(base.withRate(rate)).ttft();
        return new PredictedTtft(ttft.p50Ms(), ttft.p90Ms(), ttft.p99Ms());
    }
}
