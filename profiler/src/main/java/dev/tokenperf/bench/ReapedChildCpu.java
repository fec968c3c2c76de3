package dev.tokenperf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time (user and system) of this process's children that have ended and been waited for, from
 * {@code /proc/self/stat}: a child's whole CPU, read after it exited, which its own {@code /proc} entry no longer
 * gives. The JDK waits for a {@link Process} before {@code waitFor} returns, so the difference across one child's
 * life is that child's CPU (and its waited-for descendants'), at the kernel's 10 ms clock-tick resolution.
 */
final class ReapedChildCpu {
    /** {@code USER_HZ}: the unit of the times in {@code /proc/PID/stat}, 100 on Linux whatever the kernel's HZ. */
    static final long TICKS_PER_SECOND = 100;

    private ReapedChildCpu() {
    }

    /** Waited-for children's CPU so far in nanoseconds, or -1 where there is no {@code /proc}. */
    static long nanos() {
        try {
            return fromStat(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * {@code cutime + cstime} (fields 16 and 17) of a {@code stat} line, in nanoseconds. The command name (field 2)
     * may hold spaces and parentheses, so fields are counted after its last {@code ')'}.
     */
    static long fromStat(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // after[0] is field 3 (state), so field N is after[N - 3]
        long ticks = Long.parseLong(after[16 - 3]) + Long.parseLong(after[17 - 3]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
