package dev.tokenperf.cli;

import picocli.CommandLine.Option;

import java.util.List;

/** How much load, and for how long. */
public final class LoadOptions {
    @Option(names = "--concurrency", paramLabel = "N[,N...]", defaultValue = "1", split = ",",
            description = "Connections, each with one request in flight (with --request-rate: a cap on requests "
                    + "in flight). A list (1,4,16) runs a sweep. Default: ${DEFAULT-VALUE}.")
    List<Integer> concurrency;

    @Option(names = {"--request-count", "--num-requests"}, paramLabel = "N",
            description = "Requests to measure. Default: 10 x concurrency, unless --benchmark-duration is given.")
    Integer requestCount;

    @Option(names = "--benchmark-duration", paramLabel = "S",
            description = "Seconds to keep sending; in-flight requests then finish and are counted.")
    Double benchmarkDurationSeconds;

    @Option(names = {"--warmup-request-count", "--num-warmup-requests"}, paramLabel = "N", defaultValue = "0",
            description = "Requests sent first and excluded from every statistic. Default: ${DEFAULT-VALUE}.")
    int warmupRequestCount;
}
