package dev.tokenperf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's peak resident memory so far: {@code VmHWM} of its {@code /proc/PID/status}. */
final class PeakRss {
    private PeakRss() {
    }

    /** The peak RSS in MiB, or NaN when the file cannot be read (the process ended) or has no {@code VmHWM}. */
    static double mib(Path status) {
        try {
            return fromStatus(Files.readString(status));
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** {@code VmHWM:   123456 kB} of a status text, in MiB; NaN without that line. */
    static double fromStatus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").strip()) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
