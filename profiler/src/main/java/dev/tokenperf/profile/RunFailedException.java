package dev.tokenperf.profile;

/** The run could not measure anything (server unreachable, every request failed). Exit code 1. */
public final class RunFailedException extends RuntimeException {
    public RunFailedException(String message) {
        super(message);
    }
}
