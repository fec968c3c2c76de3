package dev.tokenperf.cli;


import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tokenperf CLI in a child JVM, as the launcher does: used where the test JVM's own settings
 * (paranoid leak detection records a stack trace on every buffer access) would distort timing, and where a
 * real signal must reach the process.
 */
public final class CliProcess {

    private CliProcess() {
    }

    /** Starts the CLI; output and errors are merged on the process's input stream. */
    static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Runs the CLI to completion (bounded by {@code timeoutSeconds}) and returns its exit code and output. */
    public static CliRun run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Process process = start(args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tokenperf did not finish within " + timeoutSeconds + " s: " + output);
        }
        return new CliRun(process.exitValue(), output, "");
    }
}
