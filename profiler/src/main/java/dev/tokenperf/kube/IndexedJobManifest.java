package dev.tokenperf.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Indexed Job of a {@link KubeJobSpec}: pod {@code i} runs {@code tokenperf profile --shard i/N --start-at T}
 * with the user's options and writes its result directory under {@link #RESULTS_MOUNT}.
 */
public final class IndexedJobManifest {
    /** Where each pod mounts the results volume. */
    public static final String RESULTS_MOUNT = "/results";
    /** The environment variable {@code tokenperf profile} reads its API key from (its {@code --api-key} default). */
    public static final String API_KEY_ENV = "OPENAI_API_KEY";
    /** The label every object of a run carries, with the Job's name as its value. */
    public static final String RUN_LABEL = "tokenperf.dev/run";
    /** Annotations that tell {@code kube results} how the run was laid out. */
    static final String PVC_ANNOTATION = "tokenperf.dev/results-pvc";
    static final String START_AT_ANNOTATION = "tokenperf.dev/start-at";

    private static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    private static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
    private static final String CONTAINER = "tokenperf";
    private static final String VOLUME = "results";

    private IndexedJobManifest() {
    }

    /** The Job's manifest, as {@code kubectl apply -f} takes it. */
    public static String yaml(KubeJobSpec spec) {
        return Serialization.asYaml(job(spec));
    }

    /** Where shard {@code index}'s result directory is, inside a pod that mounts the results volume. */
    static String shardDir(String jobName, String index) {
        return RESULTS_MOUNT + "/" + jobName + "/shard-" + index;
    }

    static Job job(KubeJobSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>(); // in this order in the YAML
        labels.put("app.kubernetes.io/name", "tokenperf");
        labels.put(RUN_LABEL, spec.name());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(START_AT_ANNOTATION, spec.startAt().toString());
        annotations.put(PVC_ANNOTATION, spec.resultsPvc());
        return new JobBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace()).withLabels(labels)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withCompletionMode("Indexed").withCompletions(spec.workers()).withParallelism(spec.workers())
                // a shard that runs again runs late and alone: its load would no longer add to the others'
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withContainers(container(spec))
                .withVolumes(volume(spec.resultsPvc()))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(KubeJobSpec spec) {
        List<String> args = new ArrayList<>(List.of("profile",
                "--shard", "$(" + INDEX_ENV + ")/" + spec.workers(),
                "--start-at", spec.startAt().toString()));
        args.addAll(spec.profileArgs());
        args.addAll(List.of("--output-dir", shardDir(spec.name(), "$(" + INDEX_ENV + ")")));
        return new ContainerBuilder()
                .withName(CONTAINER).withImage(spec.image())
                .withArgs(args)
                .withEnv(env(spec))
                .withResources(resources(spec.resources()))
                .withVolumeMounts(mount())
                .build();
    }

    static VolumeMount mount() {
        return new VolumeMountBuilder().withName(VOLUME).withMountPath(RESULTS_MOUNT).build();
    }

    private static List<EnvVar> env(KubeJobSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        // declared here (the Job controller sets it too) so that $(JOB_COMPLETION_INDEX) in args always expands
        env.add(new EnvVarBuilder().withName(INDEX_ENV).withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.annotations['" + INDEX_ANNOTATION + "']").endFieldRef().endValueFrom()
                .build());
        if (spec.apiKeySecret() != null) {
            env.add(new EnvVarBuilder().withName(API_KEY_ENV).withNewValueFrom().withNewSecretKeyRef()
                    .withName(spec.apiKeySecret().name()).withKey(spec.apiKeySecret().key())
                    .endSecretKeyRef().endValueFrom().build());
        }
        return env;
    }

    private static ResourceRequirements resources(KubeJobSpec.Resources r) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        put(requests, "cpu", r.cpuRequest());
        put(requests, "memory", r.memoryRequest());
        put(limits, "cpu", r.cpuLimit());
        put(limits, "memory", r.memoryLimit());
        return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
    }

    private static void put(Map<String, Quantity> into, String name, String quantity) {
        if (quantity != null) {
            into.put(name, new Quantity(quantity));
        }
    }

    /** The results volume: the claim every shard writes to and {@code kube results} reads back. */
    static Volume volume(String claim) {
        return new VolumeBuilder().withName(VOLUME)
                .withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().build();
    }
}
