package dev.tokenperf.cli;

/** Bad input from the user; its message names the flag or file and what would be valid. Exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
