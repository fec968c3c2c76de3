package dev.tokenperf.cli;

import dev.tokenperf.kube.IndexedJobManifest;
import dev.tokenperf.kube.KubeCluster;
import dev.tokenperf.kube.KubeJobSpec;
import dev.tokenperf.kube.KubeNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tokenperf kube profile --workers N --image IMAGE --results-pvc CLAIM <profile options>}: one Indexed Job
 * whose pod {@code i} runs {@code tokenperf profile --shard i/N --start-at T <profile options>}.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submit an Indexed Job of N pods; pod i runs 'tokenperf profile --shard i/N --start-at T' "
                + "with the profile options given here, and writes its result to the claim at "
                + "/results/JOB/shard-i. Every option not listed below is a profile option, passed to each pod "
                + "(after '--' if you like). API keys come only from a Secret.",
                "Example: tokenperf kube profile --workers 4 --image REPO/tokenperf:0.1.0 --results-pvc CLAIM "
                        + "--api-key-secret NAME -- --url http://vllm.default.svc:8000 --concurrency 256 ..."})
public final class KubeProfileCommand implements Callable<Integer> {
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    KubeTarget target;

    @Option(names = "--workers", paramLabel = "N", required = true,
            description = "Pods, each one shard of the load (completions and parallelism of the Job).")
    int workers;

    @Option(names = "--image", paramLabel = "IMAGE", required = true,
            description = "Container image with tokenperf as its entry point (examples/kubernetes/Dockerfile).")
    String image;

    @Option(names = "--results-pvc", paramLabel = "CLAIM", required = true,
            description = "PersistentVolumeClaim (ReadWriteMany) every pod writes its result to, at /results/JOB/"
                    + "shard-i; kube results reads it back.")
    String resultsPvc;

    @Option(names = "--name", paramLabel = "JOB", description = "The Job's name. Default: tokenperf-UTCTIME.")
    String name;

    @Option(names = "--api-key-secret", paramLabel = "NAME[:KEY]",
            description = "Secret holding the API key, passed to each pod as $OPENAI_API_KEY (KEY default: "
                    + KubeNames.DEFAULT_SECRET_KEY + "). --api-key is refused: it would be in the Job.")
    String apiKeySecret;

    @Option(names = "--start-delay", paramLabel = "S", defaultValue = "60",
            description = "Seconds from now to the shards' common --start-at: time to schedule the pods and pull "
                    + "the image. Default: ${DEFAULT-VALUE}.")
    long startDelaySeconds;

    @Option(names = "--cpu-request", paramLabel = "Q", defaultValue = "2",
            description = "CPU each pod requests. Default: ${DEFAULT-VALUE}.")
    String cpuRequest;

    @Option(names = "--cpu-limit", paramLabel = "Q",
            description = "CPU limit of each pod. Default: none (a throttled client adds latency to what it measures).")
    String cpuLimit;

    @Option(names = "--memory-request", paramLabel = "Q", defaultValue = "2Gi",
            description = "Memory each pod requests. Default: ${DEFAULT-VALUE}.")
    String memoryRequest;

    @Option(names = "--memory-limit", paramLabel = "Q", defaultValue = "2Gi",
            description = "Memory limit of each pod. Default: ${DEFAULT-VALUE}.")
    String memoryLimit;

    @Option(names = "--dry-run", description = "Print the Job as YAML and submit nothing.")
    boolean dryRun;

    @Unmatched
    List<String> profileArgs = new ArrayList<>();

    @Override
    public Integer call() {
        KubeJobSpec job = jobSpec(Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.print(IndexedJobManifest.yaml(job));
            out.flush();
            return ExitCodes.OK;
        }
        try (KubeCluster cluster = KubeCluster.connect()) {
            cluster.submit(job);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        out.println("submitted Job " + job.name() + " in namespace " + job.namespace() + ": " + job.workers()
                + " shards start at " + job.startAt());
        out.println("collect: tokenperf kube results " + job.name() + " --namespace " + job.namespace());
        out.flush();
        return ExitCodes.OK;
    }

    /** Every flag checked, before anything is sent: the run {@code now} asks for. */
    KubeJobSpec jobSpec(Instant now) {
        if (workers < 1) {
            throw new UsageException("--workers must be >= 1, got " + workers);
        }
        if (image.isBlank()) {
            throw new UsageException("--image must name a container image");
        }
        if (startDelaySeconds < 0) {
            throw new UsageException("--start-delay must be >= 0 seconds, got " + startDelaySeconds);
        }
        KubeJobSpec.Resources resources = new KubeJobSpec.Resources(
                quantity(cpuRequest, "--cpu-request"), quantity(cpuLimit, "--cpu-limit"),
                quantity(memoryRequest, "--memory-request"), quantity(memoryLimit, "--memory-limit"));
        String jobName = name != null ? name : "tokenperf-" + NAME_TIME.format(now);
        KubeJobSpec.SecretKey secret = apiKeySecret == null ? null : usage(() -> KubeNames.secretKey(apiKeySecret,
                "--api-key-secret"));
        return new KubeJobSpec(usage(() -> KubeNames.requireName(jobName, "--name", KubeNames.MAX_JOB_NAME)),
                target.namespace(), workers, image, now.plusSeconds(startDelaySeconds).truncatedTo(ChronoUnit.SECONDS),
                KubeProfileArgs.check(profileArgs), resources, secret,
                usage(() -> KubeNames.requireName(resultsPvc, "--results-pvc", 253)));
    }

    private static String quantity(String value, String flag) {
        return usage(() -> KubeNames.requireQuantity(value, flag));
    }

    private static <T> T usage(java.util.function.Supplier<T> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
