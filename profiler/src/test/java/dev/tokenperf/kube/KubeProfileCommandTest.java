package dev.tokenperf.kube;

import dev.tokenperf.cli.CliRun;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kube profile} against a CRUD Kubernetes API on 127.0.0.1, and its {@code --dry-run} manifest. */
@Timeout(30)
class KubeProfileCommandTest {
    private static final List<String> PROFILE_OPTIONS = List.of("--url", "http://vllm.default.svc:8000",
            "--model", "llama", "--streaming", "--concurrency", "64", "--request-count", "400");

    @Test
    void submitsAnIndexedJobOfOneShardPerWorker() throws Exception {
        try (CrudApiServer api = new CrudApiServer().useAsDefault(); KubernetesClient client = api.client()) {
            Instant before = Instant.now();
            CliRun run = kube("profile", "--workers", "4", "--image", "registry.example/tokenperf:0.1.0",
                    "--name", "run-a", "--namespace", "bench", "--results-pvc", "tokenperf-results",
                    "--api-key-secret", "vllm-key:token", "--cpu-limit", "4");
            Instant after = Instant.now();
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("submitted Job run-a in namespace bench"), run.out());

            Job job = client.batch().v1().jobs().inNamespace("bench").withName("run-a").get();
            assertNotNull(job, "the Job was created");
            assertJob(job, before, after);
        }
    }

    @Test
    void dryRunPrintsAJobThatParsesBackAndSubmitsNothing() throws Exception {
        // the API server is up, so a request would succeed: what is checked is that none is made
        try (CrudApiServer api = new CrudApiServer().useAsDefault(); KubernetesClient client = api.client()) {
            Instant before = Instant.now();
            CliRun run = kube("profile", "--dry-run", "--workers", "4", "--image", "registry.example/tokenperf:0.1.0",
                    "--name", "run-a", "--namespace", "bench", "--results-pvc", "tokenperf-results",
                    "--api-key-secret", "vllm-key:token", "--cpu-limit", "4");
            Instant after = Instant.now();
            assertEquals(0, run.exitCode(), run.err());

            Job job = Serialization.unmarshal(run.out(), Job.class);
            assertJob(job, before, after);
            assertTrue(client.batch().v1().jobs().inAnyNamespace().list().getItems().isEmpty(), "nothing submitted");
        }
    }

    @Test
    void theSecretIsNamedNeverCopied() {
        String key = "sk-do-not-print-" + System.nanoTime();
        CliRun run = kube("profile", "--dry-run", "--workers", "2", "--image", "i", "--results-pvc", "r",
                "--api-key-secret", "vllm-key", "--", "--url", "http://vllm:8000", "-H", "X-Tenant: a");
        assertEquals(0, run.exitCode(), run.err());
        Job job = Serialization.unmarshal(run.out(), Job.class);
        EnvVar apiKey = container(job).getEnv().stream().filter(e -> e.getName().equals("OPENAI_API_KEY"))
                .findFirst().orElseThrow();
        assertNull(apiKey.getValue());
        assertEquals("vllm-key", apiKey.getValueFrom().getSecretKeyRef().getName());
        assertEquals(KubeNames.DEFAULT_SECRET_KEY, apiKey.getValueFrom().getSecretKeyRef().getKey());

        CliRun refused = kube("profile", "--dry-run", "--workers", "2", "--image", "i", "--results-pvc", "r",
                "--url", "http://vllm:8000", "--api-key", key);
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("--api-key-secret"), refused.err());
        assertFalse((refused.out() + refused.err()).contains(key), "the key is not echoed");
    }

    /** Everything the test's command line asked for, and nothing that carries a secret. */
    private static void assertJob(Job job, Instant before, Instant after) {
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        assertEquals(4, job.getSpec().getCompletions());
        assertEquals(4, job.getSpec().getParallelism());
        assertEquals(0, job.getSpec().getBackoffLimit());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());

        Container c = container(job);
        assertEquals("registry.example/tokenperf:0.1.0", c.getImage());
        List<String> args = c.getArgs();
        assertEquals(List.of("profile", "--shard", "$(JOB_COMPLETION_INDEX)/4", "--start-at"), args.subList(0, 4));
        Instant startAt = Instant.parse(args.get(4));
        assertFalse(startAt.isBefore(before.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS)), startAt.toString());
        assertFalse(startAt.isAfter(after.plusSeconds(60)), startAt.toString());
        List<String> expected = new ArrayList<>(PROFILE_OPTIONS);
        expected.addAll(List.of("--output-dir", "/results/run-a/shard-$(JOB_COMPLETION_INDEX)"));
        assertEquals(expected, args.subList(5, args.size()));

        EnvVar index = c.getEnv().get(0);
        assertEquals("JOB_COMPLETION_INDEX", index.getName());
        assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']",
                index.getValueFrom().getFieldRef().getFieldPath());
        EnvVar apiKey = c.getEnv().get(1);
        assertEquals("OPENAI_API_KEY", apiKey.getName());
        assertEquals("vllm-key", apiKey.getValueFrom().getSecretKeyRef().getName());
        assertEquals("token", apiKey.getValueFrom().getSecretKeyRef().getKey());
        for (EnvVar e : c.getEnv()) {
            assertNull(e.getValue(), e.getName() + " has a literal value in the Job");
        }

        assertEquals("tokenperf-results", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals("/results", c.getVolumeMounts().get(0).getMountPath());
        assertEquals(pod.getVolumes().get(0).getName(), c.getVolumeMounts().get(0).getName());
        assertEquals(Map.of("cpu", new Quantity("2"), "memory", new Quantity("2Gi")), c.getResources().getRequests());
        assertEquals(Map.of("cpu", new Quantity("4"), "memory", new Quantity("2Gi")), c.getResources().getLimits());
    }

    private static Container container(Job job) {
        List<Container> containers = job.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    /** {@code tokenperf kube ARGS... PROFILE_OPTIONS...}; the options after {@code --} go to the pods. */
    private static CliRun kube(String... args) {
        List<String> all = new ArrayList<>(List.of("kube"));
        all.addAll(List.of(args));
        if (!all.contains("--")) {
            all.addAll(PROFILE_OPTIONS);
        }
        return CliRun.of(all.toArray(String[]::new));
    }
}
