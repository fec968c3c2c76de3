package dev.tokenperf.kube;

import dev.tokenperf.cli.CliRun;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kube results} and {@code kube delete} against a CRUD Kubernetes API holding a finished run. */
@Timeout(30)
class KubeResultsCommandTest {
    @TempDir
    Path out;

    @Test
    void aFailedShardIsReportedByItsPodAndNothingIsMerged() throws Exception {
        try (CrudApiServer api = new CrudApiServer().useAsDefault(); KubernetesClient client = api.client()) {
            createRun(client, "run-b", 3);
            client.batch().v1().jobs().inNamespace("bench").withName("run-b").editStatus(j -> new JobBuilder(j)
                    .withNewStatus().withSucceeded(2).withFailed(1).withActive(0)
                    .addNewCondition().withType("Failed").withStatus("True").endCondition().endStatus().build());
            pod(client, "run-b", "run-b-0-abcde", "0", "Succeeded", 0);
            pod(client, "run-b", "run-b-1-fghij", "1", "Failed", 3);
            pod(client, "run-b", "run-b-2-klmno", "2", "Succeeded", 0);
            StringBuilder log = new StringBuilder();
            for (int line = 1; line <= 8; line++) {
                log.append("log line ").append(line).append('\n');
            }
            api.log("run-b-1-fghij", log.toString());

            CliRun run = CliRun.of("kube", "results", "run-b", "-n", "bench", "--output-dir", out.toString(),
                    "--timeout", "5");

            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().contains("Job run-b: 2/3 completed, 1 failed, 0 active"), run.err());
            assertTrue(run.err().contains("1 of 3 shards of Job run-b failed"), run.err());
            assertTrue(run.err().contains("pod run-b-1-fghij (shard 1): exit code 3 (Error)"), run.err());
            assertFalse(run.err().contains("log line 3"), "only the last 5 log lines: " + run.err());
            assertTrue(run.err().contains("    | log line 4\n") && run.err().contains("    | log line 8\n"), run.err());
            assertFalse(run.err().contains("run-b-0-abcde"), "a pod that succeeded is not reported: " + run.err());
            assertFalse(Files.exists(out.resolve("merged")), "nothing merged");
        }
    }

    @Test
    void aJobThatIsNotThereIsAUsageError() throws Exception {
        try (CrudApiServer api = new CrudApiServer().useAsDefault()) {
            CliRun run = CliRun.of("kube", "results", "nope", "--output-dir", out.toString());
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("no Job named nope in namespace default"), run.err());
        }
    }

    @Test
    void deleteRemovesTheJobOnce() throws Exception {
        try (CrudApiServer api = new CrudApiServer().useAsDefault(); KubernetesClient client = api.client()) {
            createRun(client, "run-c", 2);

            CliRun deleted = CliRun.of("kube", "delete", "run-c", "--namespace", "bench");
            assertEquals(0, deleted.exitCode(), deleted.err());
            assertNull(client.batch().v1().jobs().inNamespace("bench").withName("run-c").get());

            CliRun again = CliRun.of("kube", "delete", "run-c", "--namespace", "bench");
            assertEquals(2, again.exitCode(), again.err());
            assertTrue(again.err().contains("no Job named run-c in namespace bench"), again.err());
        }
    }

    /** The Job {@code kube profile} would have made, as the cluster stores it. */
    private static void createRun(KubernetesClient client, String name, int workers) {
        Job job = IndexedJobManifest.job(new KubeJobSpec(name, "bench", workers, "registry.example/tokenperf:0.1.0",
                Instant.parse("2026-12-01T06:00:00Z"), List.of("--url", "http://vllm:8000"),
                new KubeJobSpec.Resources("2", null, "2Gi", "2Gi"), null, "tokenperf-results"));
        client.batch().v1().jobs().inNamespace("bench").resource(job).create();
    }

    /** A pod of the run as the Job controller labels it, ended in {@code phase} with the container's exit code. */
    private static void pod(KubernetesClient client, String run, String name, String index, String phase, int exit) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("bench")
                .addToLabels(IndexedJobManifest.RUN_LABEL, run)
                .addToAnnotations("batch.kubernetes.io/job-completion-index", index).endMetadata()
                .withNewSpec().addNewContainer().withName("tokenperf").withImage("i").endContainer().endSpec()
                .build();
        client.pods().inNamespace("bench").resource(pod).create();
        client.pods().inNamespace("bench").withName(name).editStatus(p -> new PodBuilder(p).withNewStatus()
                .withPhase(phase).addNewContainerStatus().withName("tokenperf").withNewState().withNewTerminated()
                .withExitCode(exit).withReason(exit == 0 ? "Completed" : "Error").endTerminated().endState()
                .endContainerStatus().endStatus().build());
    }
}
