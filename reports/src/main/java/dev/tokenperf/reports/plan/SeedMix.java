package dev.tokenperf.reports.plan;

/** SplitMix64's finaliser (Stafford's variant 13): neighbouring inputs give unrelated, reproducible outputs. */
final class SeedMix {
    /** SplitMix64's increment, the golden ratio in 64 bits. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SeedMix() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
