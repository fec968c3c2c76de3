package dev.tokenperf.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The profiler's CPU time when the emulator runs in the same process: process CPU time
 * ({@code com.sun.management.OperatingSystemMXBean}) minus the CPU time of the emulator's threads
 * ({@link ThreadMXBean}, threads named {@code emulator*}). What remains is the client's event loops plus the
 * JVM's shared work (GC, JIT) and the runner thread, so it is an upper bound of the client's own cost.
 */
public final class CpuMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuMeter() {
    }

    /** Process CPU minus emulator-thread CPU, in nanoseconds since JVM start. */
    static long clientCpuNanos() {
        return processCpuNanos() - emulatorCpuNanos();
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time of this process's emulator threads (0 when the emulator runs elsewhere). */
    public static long emulatorCpuNanos() {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("emulator")) {
                long cpu = THREADS.getThreadCpuTime(t.getId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
