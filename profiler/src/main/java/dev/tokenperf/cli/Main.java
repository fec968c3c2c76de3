package dev.tokenperf.cli;

import picocli.CommandLine;

/** Entry point of the {@code tokenperf} launcher. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by the launcher and the tests. */
    public static CommandLine newCommandLine() {
        ExitCodeMapper mapper = new ExitCodeMapper();
        return new CommandLine(new TokenperfCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOverwrittenOptionsAllowed(true) // flags after an @argfile override its values
                .setParameterExceptionHandler(mapper)
                .setExecutionExceptionHandler(mapper);
    }
}
