package dev.tokenperf.cli;

import dev.tokenperf.kube.FailedPod;
import dev.tokenperf.kube.JobProgress;
import dev.tokenperf.kube.KubeCluster;
import dev.tokenperf.profile.RunFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code tokenperf kube results JOB}: waits for the run's Job, reports failed shards by pod, copies the shards'
 * result directories from the results claim, and merges them as {@code tokenperf merge --concurrent} does.
 */
@Command(name = "results", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Wait for a kube profile run, copy each shard's result from the results claim to "
                + "DIR/shards, and merge them (merge --concurrent) into DIR/merged.")
public final class KubeResultsCommand implements Callable<Integer> {
    /** How often the Job's status is read while waiting. */
    static final Duration POLL = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @Mixin
    KubeTarget target;

    @Mixin
    KubeJobArg jobArg;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Where the shards and the merged result go. Default: ./JOB.")
    Path outputDir;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "3600",
            description = "Seconds to wait for the Job to finish. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        String namespace = target.namespace();
        String job = jobArg.job();
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout must be >= 1 second, got " + timeoutSeconds);
        }
        Path dir = outputDir != null ? outputDir : Path.of(job);
        WritablePaths.requireDirectory(dir, "--output-dir");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KubeCluster cluster = KubeCluster.connect()) {
            JobProgress progress = await(cluster, namespace, job, err);
            if (!progress.finished()) {
                err.println("kube results: Job " + job + " not finished after " + timeoutSeconds + " s ("
                        + progress.line() + ")");
                return ExitCodes.RUN_FAILED;
            }
            List<FailedPod> failed = cluster.failedPods(namespace, job);
            if (!failed.isEmpty() || progress.failed() > 0) {
                report(job, failed, progress, err);
                return ExitCodes.RUN_FAILED;
            }
            Path shards = dir.resolve("shards");
            Files.createDirectories(shards);
            if (!cluster.copyResults(namespace, job, shards, Duration.ofSeconds(timeoutSeconds))) {
                throw new UsageException("JOB: " + job + " has no results claim; was it made by kube profile?");
            }
            return merge(shardDirs(shards, progress.completions()), dir.resolve("merged"));
        }
    }

    private JobProgress await(KubeCluster cluster, String namespace, String job, PrintWriter err) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        String shown = null;
        while (true) {
            JobProgress progress = cluster.progress(namespace, job).orElseThrow(
                    () -> new UsageException("JOB: no Job named " + job + " in namespace " + namespace));
            String line = "Job " + job + ": " + progress.line();
            if (!line.equals(shown)) {
                err.println(line);
                err.flush();
                shown = line;
            }
            if (progress.finished() || System.nanoTime() >= deadline) {
                return progress;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static void report(String job, List<FailedPod> failed, JobProgress progress, PrintWriter err) {
        err.println("kube results: " + progress.failed() + " of " + progress.completions() + " shards of Job " + job
                + " failed; nothing merged");
        for (FailedPod pod : failed) {
            err.println("  pod " + pod.name() + " (shard " + pod.shard() + "): " + pod.reason());
            for (String line : pod.logTail()) {
                err.println("    | " + line);
            }
        }
        err.flush();
    }

    /** The copied {@code shard-i} directories, wherever the copy put them under {@code shards}; all must be there. */
    static List<Path> shardDirs(Path shards, int completions) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(shards, 4)) {
            walk.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("shard-\\d+"))
                    .sorted(Comparator.comparingInt(KubeResultsCommand::index)).forEach(found::add);
        }
        if (found.size() != completions) {
            throw new RunFailedException("kube results: found " + found.size() + " shard results under " + shards + ", the "
                    + "Job ran " + completions);
        }
        return found;
    }

    private static int index(Path shardDir) {
        return Integer.parseInt(shardDir.getFileName().toString().substring("shard-".length()));
    }

    /**
     * The shards merged by {@code tokenperf merge --concurrent} itself, in this process, with its output and exit
     * code; a command line of its own, since this one is still executing.
     */
    private int merge(List<Path> shardDirs, Path merged) {
        List<String> args = new ArrayList<>(List.of("--concurrent", "--output-dir", merged.toString()));
        shardDirs.forEach(p -> args.add(p.toString()));
        return Main.configured(new MergeCommand()).setOut(spec.commandLine().getOut())
                .setErr(spec.commandLine().getErr()).execute(args.toArray(String[]::new));
    }
}
