package dev.tokenperf.kube;

import java.util.List;

/**
 * A pod of the run that failed, as {@code kube results} reports it.
 *
 * @param name    the pod's name
 * @param shard   its completion index, or "?" when the pod carries none
 * @param reason  why it ended: the container's exit code and reason, or the pod's own reason
 * @param logTail its last log lines (empty when the log cannot be read)
 */
public record FailedPod(String name, String shard, String reason, List<String> logTail) {
    public FailedPod {
        logTail = List.copyOf(logTail);
    }
}
