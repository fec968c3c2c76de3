package dev.tokenperf.warmup;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's own counters of the work it does besides running tokenperf's code: milliseconds its JIT compilers
 * have spent so far (summed over compiler threads) and classes loaded so far. Both only grow.
 */
public final class JitClock {
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

    private JitClock() {
    }

    /** Accumulated compilation milliseconds, or 0 when this JVM does not report them. */
    public static long compileMillis() {
        return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported()
                ? COMPILER.getTotalCompilationTime() : 0;
    }

    /** Classes loaded since the JVM started (unloaded ones included). */
    public static long loadedClasses() {
        return CLASSES.getTotalLoadedClassCount();
    }
}
