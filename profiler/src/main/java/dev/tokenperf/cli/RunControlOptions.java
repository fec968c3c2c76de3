package dev.tokenperf.cli;

import picocli.CommandLine.Option;

/** When a run stops early, how many event loops the client runs, how lag is judged, and how much it prints. */
public final class RunControlOptions {
    @Option(names = "--benchmark-grace-period", paramLabel = "S", defaultValue = "30",
            description = "After --benchmark-duration, seconds in-flight requests may still finish before they are "
                    + "cut. Default: ${DEFAULT-VALUE}.")
    double gracePeriodSeconds;

    @Option(names = "--failed-request-threshold", paramLabel = "R",
            description = "As in aiperf, a ratio: abort the run (exit 1, results still written) once more than R of "
                    + "the finished requests failed, judged from 1/R finished requests on, e.g. 0.1.")
    Double failedRequestRatio;

    @Option(names = "--failed-request-count-threshold", paramLabel = "N",
            description = "Abort the run (exit 1, results still written) once N requests have failed.")
    Long failedRequestThreshold;

    @Option(names = "--client-threads", paramLabel = "N",
            description = "Event loops of the client (each owns its connections). Default: the number of cores, "
                    + "less the emulator's event loops when it runs on this machine (at least 1).")
    Integer clientThreads;

    @Option(names = "--max-client-lag-ms", paramLabel = "MS", defaultValue = "1",
            description = "p99 client lag budget; above it the result is marked client-limited. "
                    + "Default: ${DEFAULT-VALUE}.")
    double maxClientLagMillis;

    @Option(names = "--no-client-warmup",
            description = "Skip the client warmup: before the first request to the target, tokenperf runs its own "
                    + "client against an in-process stub (never the target) until the JIT has compiled its hot "
                    + "path, so compilation stays out of the measured window.")
    boolean noClientWarmup;

    @Option(names = {"-q", "--quiet"}, description = "No live progress line.")
    boolean quiet;

    /** The client's event loops: as given, else one per core not taken by {@code localServerThreads}. */
    int clientThreads(int localServerThreads) {
        return defaultClientThreads(clientThreads, localServerThreads, Runtime.getRuntime().availableProcessors());
    }

    /**
     * One event loop per core, less those of a server on this machine: more loops than cores only adds
     * wake-ups and cross-loop hand-offs (measured in the README's capacity benchmark).
     */
    static int defaultClientThreads(Integer given, int localServerThreads, int cores) {
        if (given != null) {
            return given;
        }
        return Math.max(1, cores - localServerThreads);
    }
}
