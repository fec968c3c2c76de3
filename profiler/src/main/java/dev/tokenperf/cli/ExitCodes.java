package dev.tokenperf.cli;

/** The process exit codes every command keeps. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Nothing measurable: the server was unreachable or every request failed. */
    public static final int RUN_FAILED = 1;
    /** Bad flags, values or files. */
    public static final int USAGE = 2;
    /** A gate check failed. */
    public static final int GATE_FAILED = 3;

    private ExitCodes() {
    }
}
