package dev.tokenperf.warmup;

import java.util.Locale;

/**
 * What the client warmup did: how long it took, how many requests and chunks it sent through the client, what
 * the JIT compiled and the class loader loaded meanwhile, and whether the compile queue drained in time.
 *
 * @param durationNanos  from the stub's start to the end of the wait for the compiler
 * @param requests       requests the warmup completed against the stub
 * @param chunks         streamed chunks (or whole responses) those requests received
 * @param compileMillis  JIT compilation time during the warmup (summed over compiler threads)
 * @param loadedClasses  classes loaded during the warmup
 * @param drained        true when compilation stood still before the bound
 */
public record WarmupReport(long durationNanos, long requests, long chunks, long compileMillis, long loadedClasses,
                           boolean drained) {

    /** One console line. */
    public String describe() {
        return String.format(Locale.US, "client warmup: %.2f s, %d requests / %d chunks against an in-process stub,"
                        + " JIT compiled %d ms, %d classes loaded, compiler %s", durationNanos / 1e9, requests,
                chunks, compileMillis, loadedClasses, drained ? "idle" : "still busy at the bound");
    }
}
