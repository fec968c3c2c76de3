package dev.tokenperf.cli;

import dev.tokenperf.profile.RunFailedException;
import dev.tokenperf.reports.json.JsonMessages;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Maps every failure to one line on stderr and a documented exit code: usage errors (picocli's and ours)
 * to 2, failed runs to 1. No stack traces reach the user.
 */
final class ExitCodeMapper implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("tokenperf: " + oneLine(ex.getMessage()) + " (see '" + qualifiedName(ex.getCommandLine())
                + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = ex instanceof UsageException ? ExitCodes.USAGE : ExitCodes.RUN_FAILED;
        boolean expected = ex instanceof UsageException || ex instanceof RunFailedException;
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        if (!expected) {
            // an internal failure: name its type so a bug report has something to go on
            message = ex.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        // a usage error of ours gets the same hint as picocli's own
        err.println("tokenperf: " + oneLine(message) + (ex instanceof UsageException
                ? " (see '" + qualifiedName(commandLine) + " --help')" : ""));
        err.flush();
        return code;
    }

    private static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    private static String oneLine(String message) {
        return message == null ? ""
                : JsonMessages.withoutRedactedSource(message).replaceAll("\\s*[\\r\\n]+\\s*", "; ").strip();
    }
}
