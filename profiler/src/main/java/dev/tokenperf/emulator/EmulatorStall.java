package dev.tokenperf.emulator;

/**
 * A one-off server stall, for testing how a profiler reports one: the {@code atRequest}-th completion request
 * (from 1, counted over the whole server) is held for {@code stallNanos} before its first token, so all its
 * tokens are late by that much. Under a concurrency cap this stalls the client's queue as a server pause
 * would.
 *
 * @param atRequest  which completion request stalls, or 0 for none
 * @param stallNanos how long it is held
 */
public record EmulatorStall(long atRequest, long stallNanos) {
    public static final EmulatorStall NONE = new EmulatorStall(0, 0);

    public EmulatorStall {
        if (atRequest < 0 || stallNanos < 0) {
            throw new IllegalArgumentException("stall request (" + atRequest + ") and duration (" + stallNanos
                    + ") must be >= 0");
        }
    }

    /** The extra delay for the {@code n}-th completion request. */
    long delayFor(long n) {
        return n == atRequest ? stallNanos : 0;
    }
}
