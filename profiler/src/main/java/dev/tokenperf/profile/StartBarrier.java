package dev.tokenperf.profile;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Holds the measured phase until {@code --start-at}'s instant on the wall clock (shards on several machines share
 * the wall clock, not a monotonic one), sleeping rather than spinning; {@link #release()} (Ctrl-C) ends the wait.
 */
final class StartBarrier {
    private final CountDownLatch released = new CountDownLatch(1);
    private final Supplier<Instant> wallClock;

    StartBarrier(Supplier<Instant> wallClock) {
        this.wallClock = wallClock;
    }

    /** Returns at {@code at} (at once when it has passed or is null), or early on {@link #release()}. */
    void hold(Instant at) throws InterruptedException {
        if (at == null) {
            return;
        }
        // a sleep may end a little early on a coarse timer: wait again for what is left
        for (long left = nanosUntil(at); left > 0 && !released.await(left, TimeUnit.NANOSECONDS); ) {
            left = nanosUntil(at);
        }
    }

    void release() {
        released.countDown();
    }

    private long nanosUntil(Instant at) {
        Instant now = wallClock.get();
        return now.isBefore(at) ? java.time.Duration.between(now, at).toNanos() : 0;
    }
}
