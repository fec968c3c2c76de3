package dev.tokenperf.cli;

/** Bad input from the user; its message names the flag or file and what would be valid. Exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    /**
     * Runs a range check (such as {@code Limits.between}); the {@link IllegalArgumentException} it throws, whose
     * message names the flag, becomes a usage error.
     */
    static void check(Runnable rule) {
        try {
            rule.run();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
