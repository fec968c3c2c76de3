package dev.tokenperf.cli;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;

/** Entry point of the {@code tokenperf} launcher. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // sampled leak tracking records a stack trace on the event loop; the tests run it at paranoid instead
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by the launcher and the tests. */
    public static CommandLine newCommandLine() {
        return configured(new TokenperfCommand());
    }

    /** A command line for {@code command} with the launcher's parsing rules and exit codes. */
    static CommandLine configured(Object command) {
        ExitCodeMapper mapper = new ExitCodeMapper();
        return new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOverwrittenOptionsAllowed(true) // flags after an @argfile override its values
                .setParameterExceptionHandler(mapper)
                .setExecutionExceptionHandler(mapper);
    }
}
