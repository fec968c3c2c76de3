package dev.tokenperf.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pod {@code kube results} reads a run's claim through: the claim read-only, and nothing that runs a shard. */
class ReaderPodTest {
    @Test
    void mountsTheClaimReadOnlyAndOnlySleeps() {
        Pod pod = KubeCluster.readerPod("bench", "run-a", "tokenperf-results", "registry.example/tokenperf:0.1.0");
        assertEquals("run-a-results-reader", pod.getMetadata().getName());
        assertNull(pod.getMetadata().getLabels().get(IndexedJobManifest.RUN_LABEL), "not counted as a shard");
        assertEquals("tokenperf-results", pod.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        Container c = pod.getSpec().getContainers().get(0);
        assertEquals("registry.example/tokenperf:0.1.0", c.getImage());
        assertEquals(List.of("sleep", "3600"), c.getCommand());
        assertEquals(IndexedJobManifest.RESULTS_MOUNT, c.getVolumeMounts().get(0).getMountPath());
        assertTrue(c.getVolumeMounts().get(0).getReadOnly());
        assertEquals("Never", pod.getSpec().getRestartPolicy());
    }
}
