package dev.tokenperf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPUs this process may run on ({@code Cpus_allowed_list} of {@code /proc/self/status}, e.g. "0-1"), so a
 * bench report says whether the client was pinned (by {@code taskset -c} around the launcher) and where.
 */
public final class CpuAffinity {
    private CpuAffinity() {
    }

    /** The allowed CPU list, or null where {@code /proc} does not say (not Linux). */
    public static String ofThisProcess() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc is hidden: the report says "unknown"
        }
        return null;
    }
}
