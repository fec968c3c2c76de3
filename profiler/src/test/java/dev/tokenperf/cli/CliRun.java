package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process run of the CLI with captured output, and helpers to read its result files back.
 *
 * @param exitCode the command's exit code
 * @param out      what it printed to standard output
 * @param err      what it printed to standard error
 */
public record CliRun(int exitCode, String out, String err) {
    /** The worktree's shared/ folder, seen from the module directory Maven runs tests in. */
    static final Path SHARED = Path.of("..", "..", "shared");
    /** The examples/ folder of the project. */
    static final Path EXAMPLES = Path.of("..", "examples");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static JsonNode json(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                lines.add(MAPPER.readTree(line));
            }
        }
        return lines;
    }

    /** A metric statistic from profile_export_aiperf.json, e.g. ("request_latency", "p99"). */
    static double stat(JsonNode summary, String tag, String key) {
        JsonNode v = summary.path(tag).path(key);
        if (!v.isNumber()) {
            throw new AssertionError("profile_export_aiperf.json has no " + tag + "." + key + ": " + summary.path(tag));
        }
        return v.asDouble();
    }
}
