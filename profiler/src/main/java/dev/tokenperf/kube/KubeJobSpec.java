package dev.tokenperf.kube;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code tokenperf kube profile} asks of the cluster, in plain values (no Kubernetes types, so the command line
 * can build it without loading the Kubernetes client): one Indexed Job of {@code workers} pods, each running its
 * shard of the same profile.
 *
 * @param name         the Job's name
 * @param namespace    where it runs
 * @param workers      pods, shards, completions and parallelism
 * @param image        the container image holding tokenperf
 * @param startAt      the instant every shard's measured phase starts ({@code --start-at})
 * @param profileArgs  the user's profile options, passed through unchanged
 * @param resources    requests and limits of each pod
 * @param apiKeySecret the Secret the API key is read from, or null for none
 * @param resultsPvc   the PersistentVolumeClaim (ReadWriteMany) the shards write to and results are read from
 */
public record KubeJobSpec(String name, String namespace, int workers, String image, Instant startAt,
                          List<String> profileArgs, Resources resources, SecretKey apiKeySecret, String resultsPvc) {

    public KubeJobSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(resultsPvc, "resultsPvc");
        profileArgs = List.copyOf(profileArgs);
    }

    /**
     * Requests and limits of one pod, as Kubernetes quantities ({@code 2}, {@code 500m}, {@code 4Gi}); null when
     * not set.
     */
    public record Resources(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {
    }

    /** One key of a Secret: {@code NAME[:KEY]} on the command line. */
    public record SecretKey(String name, String key) {
        public SecretKey {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
        }
    }
}
