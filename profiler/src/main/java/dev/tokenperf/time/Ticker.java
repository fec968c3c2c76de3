package dev.tokenperf.time;

/**
 * A monotonic nanosecond clock: where the client's read stamps, a request's start and failure times, and the
 * emulator's token schedule get "now". Production uses {@link #SYSTEM}; tests pass a scripted ticker so that
 * measured times, and every metric derived from them, are exact.
 */
@FunctionalInterface
public interface Ticker {

    /** {@link System#nanoTime()}: a constant, so the JIT sees one implementation and inlines the call. */
    Ticker SYSTEM = System::nanoTime;

    /** Now, in nanoseconds from an arbitrary origin; only differences between two values mean anything. */
    long nanoTime();
}
