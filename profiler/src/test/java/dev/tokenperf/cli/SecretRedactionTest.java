package dev.tokenperf.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that echoes every request header in its error body cannot get a configured secret into anything
 * tokenperf writes: the console, the result directory, or a merge of it.
 */
class SecretRedactionTest {
    private static final List<String> SECRETS = List.of("sk-apikey-0001", "hdr-token-0002", "apikey-hdr-0003",
            "session=cookie-0004");

    @Test
    @Timeout(60)
    void noConfiguredSecretReachesAnyOutput(@TempDir Path tmp) throws IOException {
        AtomicInteger received = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            StringBuilder echo = new StringBuilder();
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                echo.append(h.getKey()).append('=').append(h.getValue()).append("; ");
            }
            byte[] body = ("{\"error\":{\"message\":\"rejected: " + echo + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path run = tmp.resolve("run");
            CliRun profile = CliRun.of("profile", "--url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "--model", "m", "--request-count", "3", "--isl", "4", "--osl", "2", "--quiet",
                    "--api-key", SECRETS.get(0), "-H", "X-Auth-Token: " + SECRETS.get(1),
                    "-H", "X-Api-Key: " + SECRETS.get(2), "-H", "Cookie: " + SECRETS.get(3),
                    "--output-dir", run.toString());
            assertEquals(ExitCodes.RUN_FAILED, profile.exitCode(), profile.err());
            assertTrue(received.get() >= 3, "the server saw the requests (and so the secrets)");
            assertTrue(Files.readString(run.resolve("profile_export.jsonl")).contains("rejected: "),
                    "the echoed body is in the records");
            CliRun merge = CliRun.of("merge", run.toString(), run.toString(), "--output-dir",
                    tmp.resolve("merged").toString());
            assertEquals(0, merge.exitCode(), merge.err());

            List<String> outputs = new ArrayList<>(List.of(profile.out(), profile.err(), merge.out(), merge.err()));
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    outputs.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertTrue(outputs.size() > 6, "result files were written: " + outputs.size());
            for (String output : outputs) {
                for (String secret : SECRETS) {
                    assertFalse(output.contains(secret), "a secret leaked: " + secret);
                }
            }
        } finally {
            server.stop(0);
        }
    }
}
