package dev.tokenperf.profile;

import dev.tokenperf.time.Ticker;

import java.util.Locale;

/**
 * {@code --wait-for-model-timeout}: before any prompt is sent, asks the server's {@code GET /v1/models} again and
 * again until it answers 2xx, because a server still loading its weights refuses connections or answers 503.
 */
public final class ModelWait {
    /** How long to pause between two questions: often enough to start soon, rarely enough not to load a server. */
    static final long RETRY_NANOS = 500_000_000L;

    /** One question to the server. */
    @FunctionalInterface
    interface Probe {
        /** True when the server answered 2xx. */
        boolean ready() throws InterruptedException;
    }

    /** How the wait passes time between questions (a test advances its clock instead). */
    @FunctionalInterface
    interface Pause {
        void pause(long nanos) throws InterruptedException;
    }

    private ModelWait() {
    }

    /**
     * Asks until the probe is ready or {@code timeoutNanos} have passed on {@code ticker}.
     *
     * @return how many questions it took
     * @throws RunFailedException when the time runs out first
     */
    static int await(Probe probe, Ticker ticker, Pause pause, long timeoutNanos, String target)
            throws InterruptedException {
        long deadline = ticker.nanoTime() + timeoutNanos;
        int attempts = 0;
        while (true) {
            attempts++;
            if (probe.ready()) {
                return attempts;
            }
            long left = deadline - ticker.nanoTime();
            if (left <= 0) {
                throw new RunFailedException(String.format(Locale.ROOT,
                        "GET %s/v1/models did not answer 2xx within %.1f s (--wait-for-model-timeout), %d attempts",
                        target, timeoutNanos / 1e9, attempts));
            }
            pause.pause(Math.min(RETRY_NANOS, left));
        }
    }
}
