package dev.tokenperf.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.cli.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example parses; every example that targets the emulator runs (shortened) and produces results. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("").toAbsolutePath();

    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> examplesAreRunnable() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(p -> p.toString().endsWith(".args")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "examples exist in " + EXAMPLES);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private void check(Path file) throws IOException {
        // examples name their files from the repository root (examples/...); this test runs in examples/
        Path resolved = Files.createDirectories(out.resolve("args")).resolve(file.getFileName());
        Files.writeString(resolved, Files.readString(file).replace(" examples/", " " + EXAMPLES + "/"));
        String argFile = "@" + resolved;
        Main.newCommandLine().parseArgs(argFile);
        if (!Files.readString(file).contains("--emulate")) {
            return; // targets a real server: parsing is what can be checked here
        }
        Path dir = out.resolve(file.getFileName().toString());
        if (file.getFileName().toString().startsWith("cache-probe")) {
            checkCacheProbe(file, dir);
            return;
        }
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(stdout, true));
        cmd.setErr(new PrintWriter(stderr, true));
        // a dynamic test gets no @Timeout: a hung run fails here instead of hanging the build
        // a session run counts sessions, not requests; a replayed trace runs its file (the examples' are short)
        String text = Files.readString(file);
        boolean sessions = text.contains("--conversation-num");
        List<String> args = new ArrayList<>(List.of(argFile));
        Matcher replayed = Pattern.compile("--fixed-schedule\\s+examples/(\\S+)")
                .matcher(text);
        boolean replay = replayed.find();
        if (!replay) {
            args.addAll(List.of(sessions ? "--conversation-num" : "--request-count", sessions ? "2" : "8"));
        }
        args.addAll(List.of("--output-dir", dir.toString()));
        int code = assertTimeoutPreemptively(Duration.ofMinutes(10), () -> cmd.execute(args.toArray(String[]::new)));
        assertEquals(0, code, stderr.toString());
        ObjectMapper json = new ObjectMapper();
        if (Files.exists(dir.resolve("sweep.json"))) {
            // a sweep: one result directory per value, each with its own summary
            try (Stream<Path> points = Files.list(dir)) {
                List<Path> dirs = points.filter(Files::isDirectory).toList();
                assertFalse(dirs.isEmpty(), "sweep points in " + dir);
                for (Path point : dirs) {
                    JsonNode summary = json.readTree(point.resolve("profile_export_aiperf.json").toFile());
                    assertEquals(8, summary.path("request_count").path("avg").asInt(), point.toString());
                }
            }
        } else if (Files.exists(dir.resolve("aggregate"))) {
            // repeated runs: each run its own result, and their aggregate
            JsonNode aggregate = json.readTree(dir.resolve("aggregate/profile_export_aiperf_aggregate.json").toFile());
            assertEquals(8, aggregate.path("metrics").path("request_count").path("avg").path("mean").asInt(),
                    aggregate.toString());
            for (JsonNode run : aggregate.path("runs")) {
                JsonNode summary = json.readTree(dir.resolve("profile_runs").resolve(run.asText())
                        .resolve("profile_export_aiperf.json").toFile());
                assertEquals(8, summary.path("request_count").path("avg").asInt(), run.asText());
            }
        } else if (replay) {
            // every line of the trace is one request
            long lines = Files.readAllLines(EXAMPLES.resolve(replayed.group(1))).stream()
                    .filter(l -> !l.isBlank()).count();
            JsonNode summary = json.readTree(dir.resolve("profile_export_aiperf.json").toFile());
            assertEquals(lines, summary.path("request_count").path("avg").asLong(), summary.toString());
        } else if (sessions) {
            JsonNode summary = json.readTree(dir.resolve("profile_export_aiperf.json").toFile());
            assertEquals(2, summary.path("sessions").path("session_count").asInt(), summary.toString());
        } else {
            JsonNode summary = json.readTree(dir.resolve("profile_export_aiperf.json").toFile());
            // requests the client gave up on by design (--request-cancellation-rate) are counted apart
            assertEquals(8, summary.path("request_count").path("avg").asInt()
                    + summary.path("cancelled_request_count").path("avg").asInt(), summary.toString());
        }
        assertTrue(stdout.toString().contains("Request Latency"), stdout.toString());
        if (Files.readString(file).contains("--gpu-telemetry")) {
            assertTrue(stdout.toString().contains("GPU energy: "), stdout.toString());
            JsonNode summary = json.readTree(dir.resolve("profile_export_aiperf.json").toFile());
            assertTrue(summary.path("gpu_energy").path("avg").asDouble() > 0, summary.path("gpu_energy").toString());
        }
    }

    /** A cache-probe example writes one JSONL row per measured request and a verdict (and energy, if asked). */
    private void checkCacheProbe(Path file, Path dir) throws IOException {
        String argFile = "@" + file;
        Files.createDirectories(dir);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(stdout, true));
        cmd.setErr(new PrintWriter(stderr, true));
        Path rows = dir.resolve("benchmark.jsonl");
        int code = cmd.execute(argFile, "--out", rows.toString());
        assertEquals(0, code, stderr.toString());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(rows);
        assertFalse(lines.isEmpty(), stdout.toString());
        for (String line : lines) {
            assertTrue(json.readTree(line).has("ttft_seconds"), line);
        }
        assertTrue(stdout.toString().contains("verdict: "), stdout.toString());
        if (Files.readString(file).contains("--gpu-telemetry")) {
            assertTrue(stdout.toString().contains("GPU energy: "), stdout.toString());
        }
    }
}
