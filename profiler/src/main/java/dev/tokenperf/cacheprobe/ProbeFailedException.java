package dev.tokenperf.cacheprobe;

import java.util.List;

/**
 * The probe could not measure: the server was unreachable or a request failed. It carries what was measured
 * before, so a ledger row can still record the attempt.
 */
public final class ProbeFailedException extends RuntimeException {
    private final transient List<CacheProbe.LimitResult> measured;

    public ProbeFailedException(String message) {
        this(message, List.of());
    }

    ProbeFailedException(String message, List<CacheProbe.LimitResult> measured) {
        super(message);
        this.measured = List.copyOf(measured);
    }

    /** The context limits probed before the failure, the failed one last with its error; may be empty. */
    public List<CacheProbe.LimitResult> measured() {
        return measured;
    }
}
