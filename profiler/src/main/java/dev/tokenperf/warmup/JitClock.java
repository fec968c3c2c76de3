package dev.tokenperf.warmup;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's own counters of the work it does besides running tokenperf's code: milliseconds its JIT compilers
 * have spent so far (summed over compiler threads) and classes loaded so far; and the process's CPU time, which
 * includes both. All only grow.
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

    /** CPU time of the whole process so far (user and system, every thread), or -1 when the JVM does not say. */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Classes loaded since the JVM started (unloaded ones included). */
    public static long loadedClasses() {
        return CLASSES.getTotalLoadedClassCount();
    }
}
