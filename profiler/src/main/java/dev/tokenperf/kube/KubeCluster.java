package dev.tokenperf.kube;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes API as {@code tokenperf kube} uses it: submit a run's Job, read its progress and failed pods, copy
 * its results, delete it. Connects as kubectl does: the user's kubeconfig, or the in-cluster service account.
 */
public final class KubeCluster implements AutoCloseable {
    private static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    private static final int LOG_LINES = 5;

    private final KubernetesClient client;

    private KubeCluster(KubernetesClient client) {
        this.client = client;
    }

    /** A connection with the client's default configuration (kubeconfig, in-cluster account, KUBERNETES_MASTER). */
    public static KubeCluster connect() {
        return new KubeCluster(new KubernetesClientBuilder().build());
    }

    /**
     * Creates the run's Job.
     *
     * @throws IllegalStateException when a Job of that name already exists
     */
    public void submit(KubeJobSpec spec) {
        Job job = IndexedJobManifest.job(spec);
        try {
            client.batch().v1().jobs().inNamespace(spec.namespace()).resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new IllegalStateException("a Job named " + spec.name() + " already exists in namespace "
                        + spec.namespace() + "; choose another --name or delete it with tokenperf kube delete");
            }
            throw e;
        }
    }

    /** The Job's progress, or empty when there is no such Job. */
    public Optional<JobProgress> progress(String namespace, String jobName) {
        Job job = job(namespace, jobName);
        if (job == null) {
            return Optional.empty();
        }
        JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
        int completions = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
        int succeeded = orZero(status.getSucceeded());
        int failed = orZero(status.getFailed());
        boolean over = status.getConditions() != null && status.getConditions().stream().anyMatch(KubeCluster::ends);
        return Optional.of(new JobProgress(completions, succeeded, failed, orZero(status.getActive()),
                over || succeeded + failed >= completions));
    }

    /** The run's pods that failed, by shard, each with why and its last log lines. */
    public List<FailedPod> failedPods(String namespace, String jobName) {
        List<FailedPod> failed = new ArrayList<>();
        for (Pod pod : client.pods().inNamespace(namespace).withLabel(IndexedJobManifest.RUN_LABEL, jobName)
                .list().getItems()) {
            if (pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())) {
                String name = pod.getMetadata().getName();
                Map<String, String> annotations = pod.getMetadata().getAnnotations();
                String shard = annotations == null ? "?" : annotations.getOrDefault(COMPLETION_INDEX, "?");
                failed.add(new FailedPod(name, shard, reason(pod), logTail(namespace, name)));
            }
        }
        failed.sort((a, b) -> a.name().compareTo(b.name()));
        return failed;
    }

    /**
     * Copies the run's result directory ({@code /results/JOB} on its claim) to {@code into}: through a short-lived
     * reader pod that mounts the claim read-only, using the Job's own image (it has {@code tar}).
     *
     * @return false when the Job carries no results claim (it was not made by {@code tokenperf kube profile})
     */
    public boolean copyResults(String namespace, String jobName, Path into, Duration readyTimeout) {
        Job job = job(namespace, jobName);
        String claim = job == null || job.getMetadata().getAnnotations() == null ? null
                : job.getMetadata().getAnnotations().get(IndexedJobManifest.PVC_ANNOTATION);
        if (claim == null) {
            return false;
        }
        String image = job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        Pod reader = client.pods().inNamespace(namespace).resource(readerPod(namespace, jobName, claim, image))
                .create();
        String readerName = reader.getMetadata().getName();
        try {
            client.pods().inNamespace(namespace).withName(readerName)
                    .waitUntilReady(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return client.pods().inNamespace(namespace).withName(readerName)
                    .dir(IndexedJobManifest.RESULTS_MOUNT + "/" + jobName).copy(into);
        } finally {
            client.pods().inNamespace(namespace).withName(readerName).delete();
        }
    }

    /** The reader pod of {@link #copyResults}: it only sleeps while its files are copied, then is deleted. */
    static Pod readerPod(String namespace, String jobName, String claim, String image) {
        return new PodBuilder()
                .withNewMetadata().withName(jobName + "-results-reader").withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/name", "tokenperf", "tokenperf.dev/reader", jobName))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                // bounded: a reader left behind by a killed CLI ends by itself
                .addNewContainer().withName("reader").withImage(image).withCommand("sleep", "3600")
                .withVolumeMounts(new VolumeMountBuilder(IndexedJobManifest.mount()).withReadOnly(true).build())
                .endContainer()
                .withVolumes(IndexedJobManifest.volume(claim))
                .endSpec()
                .build();
    }

    /** Deletes the Job and, in the background, its pods; false when there was no such Job. */
    public boolean delete(String namespace, String jobName) {
        return !client.batch().v1().jobs().inNamespace(namespace).withName(jobName)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete().isEmpty();
    }

    @Override
    public void close() {
        client.close();
    }

    private Job job(String namespace, String jobName) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
    }

    private static boolean ends(JobCondition c) {
        return ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus());
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String reason(Pod pod) {
        List<ContainerStatus> containers = pod.getStatus().getContainerStatuses();
        if (containers != null) {
            for (ContainerStatus c : containers) {
                ContainerStateTerminated t = c.getState() == null ? null : c.getState().getTerminated();
                if (t != null) {
                    return "exit code " + t.getExitCode() + (t.getReason() == null ? "" : " (" + t.getReason() + ")");
                }
            }
        }
        String reason = pod.getStatus().getReason();
        String message = pod.getStatus().getMessage();
        return reason == null ? "phase Failed" : reason + (message == null ? "" : ": " + message);
    }

    private List<String> logTail(String namespace, String podName) {
        try {
            String log = client.pods().inNamespace(namespace).withName(podName).tailingLines(LOG_LINES).getLog();
            return log == null || log.isBlank() ? List.of() : List.of(log.strip().split("\n"));
        } catch (KubernetesClientException e) {
            return List.of(); // the log may be gone with the node; the reason above still names the failure
        }
    }
}
