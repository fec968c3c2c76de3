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
        if (!(maxLagMillis > 0)) {
            throw new IllegalArgumentException("--max-client-lag-ms must be > 0, got " + maxLagMillis);
        }
    }
}
