package dev.tokenperf.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * One in-process run of the CLI with captured output.
 *
 * @param exitCode the command's exit code
 * @param out      what it printed to standard output
 * @param err      what it printed to standard error
 */
record CliRun(int exitCode, String out, String err) {
    /** The worktree's shared/ folder, seen from the module directory Maven runs tests in. */
    static final Path SHARED = Path.of("..", "..", "shared");
    /** The examples/ folder of the project. */
    static final Path EXAMPLES = Path.of("..", "examples");

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
