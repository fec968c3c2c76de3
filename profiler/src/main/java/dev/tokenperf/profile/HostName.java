package dev.tokenperf.profile;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, as a shard records it: {@code $HOSTNAME} (a Kubernetes pod's name) or the local host's. */
final class HostName {
    private HostName() {
    }

    static String local() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
