package dev.tokenperf.warmup;

import java.util.function.LongSupplier;

/**
 * Waits until the JIT has stopped compiling: the JVM's accumulated compilation time (the compilation MXBean's
 * total) has not advanced over {@code quietPolls} consecutive polls, or a bound has passed. HotSpot offers no
 * queue length, so a total that stands still between polls is the sign that the queue has drained.
 */
final class CompileQueueDrain {
    /** Sleeps between polls; a test passes one that advances its fake clock instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleepMillis(long millis) throws InterruptedException;
    }

    /** What the wait saw. */
    record Outcome(boolean drained, long waitedNanos, long compileMillis) {
    }

    private final LongSupplier compileMillis;
    private final LongSupplier clockNanos;
    private final Sleeper sleeper;
    private final long pollMillis;
    private final int quietPolls;

    CompileQueueDrain(LongSupplier compileMillis, LongSupplier clockNanos, Sleeper sleeper, long pollMillis,
                      int quietPolls) {
        this.compileMillis = compileMillis;
        this.clockNanos = clockNanos;
        this.sleeper = sleeper;
        this.pollMillis = pollMillis;
        this.quietPolls = quietPolls;
    }

    /** Polls until the compile total stands still for {@code quietPolls} polls or {@code boundNanos} passes. */
    Outcome await(long boundNanos) throws InterruptedException {
        long start = clockNanos.getAsLong();
        long first = compileMillis.getAsLong();
        long last = first;
        int quiet = 0;
        while (quiet < quietPolls) {
            if (clockNanos.getAsLong() - start >= boundNanos) {
                return new Outcome(false, clockNanos.getAsLong() - start, last - first);
            }
            sleeper.sleepMillis(pollMillis);
            long now = compileMillis.getAsLong();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        return new Outcome(true, clockNanos.getAsLong() - start, last - first);
    }
}
