package dev.tokenperf.health;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Garbage collections and their accumulated time between two points, from the collectors' MXBeans. With
 * G1 (the default) the young and mixed collector's time is pause time; concurrent cycles are counted by
 * their own bean and included, so the figure is an upper bound of the pauses.
 */
public final class GcPauseMeter {
    private final long startCount;
    private final long startMillis;

    public GcPauseMeter() {
        long[] now = totals();
        startCount = now[0];
        startMillis = now[1];
    }

    /** Collections since construction. */
    public long collections() {
        return totals()[0] - startCount;
    }

    /** Milliseconds spent collecting since construction. */
    public long millis() {
        return totals()[1] - startMillis;
    }

    private static long[] totals() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }
}
