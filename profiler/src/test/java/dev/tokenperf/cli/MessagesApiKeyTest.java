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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Messages API takes its key in {@code x-api-key} with {@code anthropic-version}, never as a bearer token, and
 * the key, like every credential, reaches no output: a server that records every request's headers sees it only
 * where Anthropic's API expects it.
 */
class MessagesApiKeyTest {
    private static final String KEY = "sk-ant-test-0451";

    @Test
    @Timeout(60)
    void theKeyGoesInXApiKeyNeverInAuthorizationAndNeverIntoAFile(@TempDir Path tmp) throws IOException {
        List<String> apiKeys = new CopyOnWriteArrayList<>();
        List<String> versions = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            paths.add(exchange.getRequestURI().getPath());
            if (!exchange.getRequestURI().getPath().startsWith("/v1/")) {
                exchange.sendResponseHeaders(404, -1); // the metrics scrape, which carries no credential at all
                exchange.close();
                return;
            }
            apiKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-api-key")));
            versions.add(String.valueOf(exchange.getRequestHeaders().getFirst("anthropic-version")));
            byte[] body = exchange.getRequestURI().getPath().equals("/v1/messages")
                    ? ("{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\" a b\"}],\"usage\":{\"input_tokens\":4,\"output_tokens\":2}}")
                    .getBytes(StandardCharsets.UTF_8)
                    : "{\"object\":\"list\",\"data\":[{\"id\":\"m\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path dir = tmp.resolve("run");
            CliRun run = CliRun.of("profile", "--url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "--endpoint-type", "messages", "--model", "m", "--api-key", KEY, "--request-count", "3",
                    "--isl", "4", "--osl", "2", "--quiet", "--no-client-warmup", "--output-dir", dir.toString());
            assertEquals(0, run.exitCode(), run.err());

            assertEquals(3, paths.stream().filter("/v1/messages"::equals).count(), paths.toString());
            assertTrue(apiKeys.stream().allMatch(KEY::equals), apiKeys.toString());
            assertTrue(versions.stream().allMatch("2023-06-01"::equals), versions.toString());
            assertEquals(List.of(), authorizations, "no request carries Authorization");
            assertEquals(2, CliRun.stat(CliRun.json(dir.resolve("profile_export_aiperf.json")),
                    "output_sequence_length", "avg"), 0);

            List<String> outputs = new ArrayList<>(List.of(run.out(), run.err()));
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    outputs.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertTrue(outputs.size() > 4, "result files were written: " + outputs.size());
            for (String output : outputs) {
                assertFalse(output.contains(KEY), "the key leaked");
            }
        } finally {
            server.stop(0);
        }
    }
}
