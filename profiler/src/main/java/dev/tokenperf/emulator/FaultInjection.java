package dev.tokenperf.emulator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which completion requests fail, and how: {@code ratePercent} of them, spread evenly (the n-th request fails when
 * {@code floor(n * rate / 100)} grows), cycling through {@code types} in order. Deterministic, unlike
 * llm-d-inference-sim's random draw, so that a test knows which requests fail; and every injection is counted,
 * so a test compares what the client recorded with what the emulator did, exactly. Shared by every connection.
 */
public final class FaultInjection {
    public static final FaultInjection NONE = new FaultInjection(0, List.of(InjectedFault.values()));

    private final double ratePercent;
    private final List<InjectedFault> types;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLongArray injected = new AtomicLongArray(InjectedFault.values().length);

    /**
     * @param ratePercent how many requests fail, 0 to 100
     * @param types       the faults to cycle through; empty means all of them (as in llm-d-inference-sim)
     */
    public FaultInjection(double ratePercent, List<InjectedFault> types) {
        if (!(ratePercent >= 0 && ratePercent <= 100)) {
            throw new IllegalArgumentException("--failure-injection-rate must be within 0..100, not " + ratePercent);
        }
        this.ratePercent = ratePercent;
        this.types = List.copyOf(types.isEmpty() ? List.of(InjectedFault.values()) : types);
    }

    /** The fault for the next completion request, or null to serve it; counts what it injects. */
    InjectedFault next() {
        long n = requests.incrementAndGet();
        if (ratePercent == 0) {
            return null;
        }
        long failedBefore = (long) Math.floor((n - 1) * ratePercent / 100);
        long failedNow = (long) Math.floor(n * ratePercent / 100);
        if (failedNow == failedBefore) {
            return null;
        }
        InjectedFault fault = types.get((int) ((failedNow - 1) % types.size()));
        injected.incrementAndGet(fault.ordinal());
        return fault;
    }

    /** Completion requests received so far, failed or served. */
    public long requests() {
        return requests.get();
    }

    /** How many of each fault were injected so far (faults never injected are left out). */
    public Map<InjectedFault, Long> injected() {
        Map<InjectedFault, Long> counts = new EnumMap<>(InjectedFault.class);
        for (InjectedFault f : InjectedFault.values()) {
            long n = injected.get(f.ordinal());
            if (n > 0) {
                counts.put(f, n);
            }
        }
        return counts;
    }
}
