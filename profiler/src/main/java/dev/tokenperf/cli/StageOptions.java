package dev.tokenperf.cli;

import dev.tokenperf.profile.RunFailedException;
import dev.tokenperf.reports.plan.Limits;
import dev.tokenperf.stages.ServerMetricsSource;
import dev.tokenperf.stages.ServerSideCollector;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** The server's side of a profile: stage reports it posts, and its Prometheus metrics. */
public final class StageOptions {
    /** The longest wait for late stage reports: the run's results wait for it, so it stays short. */
    private static final double MAX_STAGE_WAIT_SECONDS = 3600;
    /** The shortest scrape interval: more often would load the server's metrics endpoint more than the run. */
    private static final double MIN_SCRAPE_SECONDS = 0.05;

    @Option(names = "--stage-report-port", paramLabel = "P",
            description = "Receive TTFT stage reports (vLLM's experimental format, POST /ttft_report) on "
                    + "127.0.0.1:P during the run (0 = any free port; with --emulate the emulator posts its own) "
                    + "and show the TTFT breakdown.")
    Integer stageReportPort;

    @Option(names = "--stage-report-wait", paramLabel = "S", defaultValue = "2",
            description = "Longest wait for late stage reports after the load. Default: ${DEFAULT-VALUE}.")
    double stageReportWaitSeconds;

    @Option(names = "--server-metrics-url", paramLabel = "URL",
            description = "Prometheus endpoint (e.g. http://host:8000/metrics, or a path on the profiled server or "
                    + "the emulator) scraped before and after the measured phase and sampled during it; its latency "
                    + "histograms, prefix-cache, preemption, queue and KV-cache metrics (vLLM, SGLang or TensorRT-LLM "
                    + "names) for the run window are reported. Default: /metrics on the profiled server, skipped with "
                    + "one note when it does not answer.")
    String serverMetricsUrl;

    @Option(names = "--no-server-metrics",
            description = "Do not scrape the profiled server's /metrics.")
    boolean noServerMetrics;

    @Option(names = "--server-metrics-interval", paramLabel = "S", defaultValue = "1",
            description = "Seconds between samples of the server's gauges (requests running and waiting, KV-cache "
                    + "usage) during the measured phase. Default: ${DEFAULT-VALUE}.")
    double serverMetricsIntervalSeconds;

    /** Starts the receiver; a bad flag is a {@link UsageException} naming it. */
    ServerSideCollector open() throws InterruptedException {
        UsageException.check(() -> {
            if (stageReportPort != null) {
                Limits.between("--stage-report-port", stageReportPort, 0, 65535, "");
            }
            Limits.between("--stage-report-wait", stageReportWaitSeconds, 0, MAX_STAGE_WAIT_SECONDS, "seconds");
            Limits.between("--server-metrics-interval", serverMetricsIntervalSeconds, MIN_SCRAPE_SECONDS,
                    Limits.MAX_SECONDS, "seconds");
        });
        if (noServerMetrics && serverMetricsUrl != null) {
            throw new UsageException("--no-server-metrics and --server-metrics-url contradict each other; drop one");
        }
        Duration interval = Duration.ofNanos(Math.round(serverMetricsIntervalSeconds * 1e9));
        ServerMetricsSource source = noServerMetrics ? ServerMetricsSource.OFF
                : new ServerMetricsSource(URI.create(ServerMetricsSource.DEFAULT_PATH), true, interval);
        if (serverMetricsUrl != null) {
            URI metrics;
            try {
                metrics = new URI(serverMetricsUrl);
            } catch (URISyntaxException e) {
                throw new UsageException("--server-metrics-url '" + serverMetricsUrl + "' is not a URL");
            }
            boolean pathOnly = metrics.getScheme() == null && metrics.getHost() == null
                    && serverMetricsUrl.startsWith("/");
            boolean absolute = ("http".equals(metrics.getScheme()) || "https".equals(metrics.getScheme()))
                    && metrics.getHost() != null;
            if (!pathOnly && !absolute) {
                throw new UsageException("--server-metrics-url must be http(s)://host[:port]/path or a path such as "
                        + "/metrics on the profiled server, got " + serverMetricsUrl);
            }
            source = new ServerMetricsSource(metrics, false, interval);
        }
        try {
            return ServerSideCollector.open(stageReportPort,
                    Duration.ofMillis(Math.round(stageReportWaitSeconds * 1000)), source);
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new RunFailedException("--stage-report-port " + stageReportPort + " is already in use on "
                        + "127.0.0.1; pick a free port, or 0 for any");
            }
            throw new RunFailedException("cannot listen for stage reports on 127.0.0.1:" + stageReportPort + ": "
                    + e.getMessage());
        }
    }
}
