package dev.tokenperf.reports.plan;

/**
 * The load generator itself.
 *
 * @param threads         event loops of the client
 * @param maxLagMillis    p99 lag budget beyond which a result is client-limited
 */
public record ClientSettings(int threads, double maxLagMillis) {
    public ClientSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("--client-threads must be >= 1, got " + threads);
        }
        Limits.positive("--max-client-lag-ms", maxLagMillis, Limits.MAX_MILLIS, "ms");
    }
}
