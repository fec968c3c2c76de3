package dev.tokenperf.cli;

import dev.tokenperf.emulator.EmulatorServer;
import dev.tokenperf.emulator.EmulatorStall;
import dev.tokenperf.emulator.FaultInjection;
import dev.tokenperf.emulator.EmulatorTiming;
import dev.tokenperf.emulator.GpuPowerModel;
import dev.tokenperf.emulator.PrefixCacheSettings;
import dev.tokenperf.profile.RunFailedException;
import dev.tokenperf.serving.ServingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.util.concurrent.Callable;

/** {@code tokenperf emulate}: serves an OpenAI-compatible API with known timing on 127.0.0.1 until stopped. */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = "Serve an emulated OpenAI-compatible API with known timing on 127.0.0.1.")
public final class EmulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8000",
            description = "Port on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Mixin
    EmulatorOptions emulator;

    @Mixin
    ServingModelOptions serving;

    @Mixin
    PrefixCacheOptions prefixCache;

    @Mixin
    EmulatedGpuOptions gpu;

    @Option(names = "--stage-report-url", paramLabel = "URL",
            description = "Post each request's stage times (vLLM TTFT-report format) to this URL, e.g. "
                    + "http://127.0.0.1:9000/ttft_report (see profile --stage-report-port).")
    URI stageReportUrl;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port (" + port + ") must be between 0 and 65535");
        }
        ServingModel model = serving.model();
        PrefixCacheSettings cache = prefixCache.settings();
        GpuPowerModel gpuPower = gpu.model();
        if (stageReportUrl != null && (!"http".equals(stageReportUrl.getScheme()) || stageReportUrl.getHost() == null)) {
            throw new UsageException("--stage-report-url must be http://host:port/path, got " + stageReportUrl);
        }
        // validated before the try: a bad flag is a usage error (exit 2), not a failure to listen
        EmulatorTiming timing = emulator.timing();
        EmulatorStall stall = emulator.stall();
        FaultInjection faults = emulator.faults();
        EmulatorServer server;
        try {
            server = EmulatorServer.start(timing, model, stageReportUrl, serving.truthEvent, stall, port,
                    emulator.threads, null, cache, gpuPower, faults);
        } catch (RuntimeException e) {
            throw new RunFailedException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "emulator-shutdown"));
        spec.commandLine().getOut().println("tokenperf emulator serving " + emulator.modelName + " on "
                + server.url() + ", " + ServingModelOptions.describe(model)
                + (cache.enabled() ? ", prefix cache " + cache.capacityTokens() + " tokens in blocks of "
                + cache.blockSize() : "") + (gpuPower != null ? ", GPU metrics at " + server.url() + "/dcgm/metrics"
                : "") + " (Ctrl-C to stop)");
        spec.commandLine().getOut().flush();
        server.awaitClose();
        return ExitCodes.OK;
    }
}
