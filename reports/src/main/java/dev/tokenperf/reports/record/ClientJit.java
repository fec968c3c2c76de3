package dev.tokenperf.reports.record;

import dev.tokenperf.reports.json.JsonNumbers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM's own work around the measured window: the client warmup that ran before the first request to the
 * target, and the JIT compilation that still happened inside the measured window. Compiler threads take the
 * cores the event loops (and often the server under test) need, so a window with much compilation measures the
 * client's start-up, not the server: above {@link #COMPILE_SHARE_LIMIT} of the window it makes the result
 * client-limited.
 *
 * @param warmupMillis          the client warmup's duration, or NaN when it was off ({@code --no-client-warmup})
 * @param warmupCompileMillis   JIT compilation during the warmup (summed over compiler threads), or NaN when off
 * @param measuredCompileMillis JIT compilation inside the measured window
 * @param measuredWindowMillis  the measured window's duration
 * @param measuredCpuMillis     the whole process's CPU time (user and system, every thread: event loops, compiler,
 *                              GC) inside the measured window, or NaN when the JVM does not report it
 */
public record ClientJit(double warmupMillis, double warmupCompileMillis, double measuredCompileMillis,
                        double measuredWindowMillis, double measuredCpuMillis) {
    /** Compilation above this share of the measured window's duration makes the result client-limited. */
    public static final double COMPILE_SHARE_LIMIT = 0.05;

    /** Not measured (results written before tokenperf measured it). */
    public static final ClientJit UNMEASURED = new ClientJit(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    public boolean measured() {
        return !Double.isNaN(measuredCompileMillis);
    }

    /** Why compilation makes the result client-limited, if it does. */
    public Optional<String> limitReason() {
        if (!measured() || !(measuredCompileMillis > COMPILE_SHARE_LIMIT * measuredWindowMillis)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.US, "JIT compiled %.0f ms in the %.0f ms measured window (> %.0f%%)",
                measuredCompileMillis, measuredWindowMillis, COMPILE_SHARE_LIMIT * 100));
    }

    /** The JSON keys this adds to {@code client_health}; none when unmeasured. */
    Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (measured()) {
            m.put("client_warmup_ms", JsonNumbers.nanAsNull(warmupMillis));
            m.put("client_warmup_compile_ms", JsonNumbers.nanAsNull(warmupCompileMillis));
            m.put("measured_compile_ms", measuredCompileMillis);
            m.put("measured_window_ms", measuredWindowMillis);
            m.put("measured_cpu_ms", JsonNumbers.nanAsNull(measuredCpuMillis));
        }
        return m;
    }

    /** The console's words, e.g. {@code , JIT 12 ms in window (warmup 1.20 s)}; empty when unmeasured. */
    String describe() {
        if (!measured()) {
            return "";
        }
        return String.format(Locale.US, ", JIT %.0f ms in window", measuredCompileMillis)
                + (Double.isNaN(warmupMillis) ? " (no client warmup)"
                : String.format(Locale.US, " (warmup %.2f s)", warmupMillis / 1e3));
    }
}
