package dev.tokenperf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against a real llama.cpp {@code llama-server} (the tiny random model, the matching tiny-llama tokenizer): the
 * server's {@code usage.prompt_tokens} is the requested ISL plus the template overhead the run reports, the
 * same for every request, and with {@code ignore_eos} the output length is exactly the requested OSL.
 * Skipped, saying why, when the server cannot be installed or started (no Debian mirror, no shared/ folder).
 */
class LlamaServerSequenceLengthTest {
    private static final Path SCRIPT = CliRun.SHARED.resolve("servers/llama-server.sh");
    private static final Path MODEL = CliRun.SHARED.resolve("models/llama-2-tiny-random.gguf");
    private static final String TOKENIZER = CliRun.SHARED.resolve("tokenizers/tiny-llama").toString();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Process server;
    private static String url;

    @BeforeAll
    static void startServer(@TempDir Path logDir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isRegularFile(SCRIPT) && Files.isRegularFile(MODEL),
                "skipped: " + SCRIPT + " or " + MODEL + " is missing");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        Path log = logDir.resolve("llama-server.log");
        server = new ProcessBuilder("bash", SCRIPT.toString(), "--", "-m", MODEL.toString(), "--host", "127.0.0.1",
                "--port", String.valueOf(port), "-t", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        String tail = Files.readAllLines(log).stream().reduce((a, b) -> b).orElse("no output");
        stopServer();
        if (Files.isExecutable(installedBinary())) {
            // installed, so a server that does not come up is a failure of this test, not a missing tool
            throw new AssertionError("llama-server was installed but did not serve within "
                    + START_TIMEOUT.toSeconds() + " s: " + tail);
        }
        Assumptions.abort("skipped: llama-server could not be installed (Debian's packages unreachable?): " + tail);
    }

    /** Where the shared script installs the server (its default folder). */
    private static Path installedBinary() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("llama-server/root/usr/bin/llama-server");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            server = null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chat", "completions"})
    void serverCountsMatchRequestedLengths(String endpoint, @TempDir Path out) throws IOException {
        int isl = 200;
        int osl = 24;
        CliRun run = CliRun.of("profile", "--url", url, "--endpoint-type", endpoint, "--tokenizer", TOKENIZER,
                "--isl", String.valueOf(isl), "--osl", String.valueOf(osl), "--extra-inputs", "ignore_eos:true",
                "--request-count", "6", "--concurrency", "2", "--random-seed", "3", "--output-dir", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(!run.out().contains("warning: ISL") && !run.out().contains("warning: OSL: 6 of 6 requests: "
                + "completion_tokens"), run.out());

        JsonNode accuracy = MAPPER.readTree(out.resolve("profile_export_aiperf.json").toFile()).get("sequence_length_accuracy");
        int overhead = accuracy.get("prompt_overhead").asInt();
        assertTrue(overhead >= 0, "template overhead " + overhead);
        assertEquals(overhead, accuracy.get("prompt_overhead_min").asInt());
        assertEquals(overhead, accuracy.get("prompt_overhead_max").asInt());
        List<String> lines = Files.readAllLines(out.resolve("profile_export.jsonl"));
        assertEquals(6, lines.size());
        for (String line : lines) {
            JsonNode tokens = MAPPER.readTree(line).get("tokens");
            assertEquals(isl, tokens.get("client_input").asInt());
            assertEquals(isl + overhead, tokens.get("server_input").asInt(), line);
            assertEquals(osl, tokens.get("server_output").asInt(), line);
        }
    }
}
