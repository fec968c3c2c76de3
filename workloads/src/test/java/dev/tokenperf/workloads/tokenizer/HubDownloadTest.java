package dev.tokenperf.workloads.tokenizer;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model id missing from the cache is fetched from the hub ({@code HF_ENDPOINT}, here a local one) and cached. */
class HubDownloadTest {
    private static final Path TINY_LLAMA = Path.of("..", "..", "shared", "tokenizers", "tiny-llama", "tokenizer.json");
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private HttpServer hub;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startHub() throws IOException {
        byte[] tokenizer = Files.readAllBytes(TINY_LLAMA);
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            if (path.equals("/acme/tiny/resolve/main/tokenizer.json")) {
                exchange.getResponseHeaders().set("X-Repo-Commit", COMMIT);
                exchange.sendResponseHeaders(200, tokenizer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(tokenizer);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        hub.start();
    }

    @AfterEach
    void stopHub() {
        hub.stop(0);
    }

    private Map<String, String> env(Path hfHome) {
        return Map.of("HF_HOME", hfHome.toString(), "HF_ENDPOINT",
                "http://127.0.0.1:" + hub.getAddress().getPort(), "HF_TOKEN", "hf_secret");
    }

    @Test
    void downloadsIntoTheCacheLayoutAndThenWorksOffline(@TempDir Path hfHome) throws IOException {
        try (Tokenizer tokenizer = new TokenizerResolver(env(hfHome)).resolve("acme/tiny")) {
            assertArrayEquals(new int[]{15043, 3186, 29991}, tokenizer.encode("Hello world!"));
        }
        Path repo = hfHome.resolve("hub/models--acme--tiny");
        assertTrue(Files.isRegularFile(repo.resolve("snapshots/" + COMMIT + "/tokenizer.json")));
        assertEquals(COMMIT, Files.readString(repo.resolve("refs/main")));
        assertEquals(List.of("/acme/tiny/resolve/main/tokenizer.json"), requests);
        assertEquals(List.of("Bearer hf_secret"), authorizations);

        hub.stop(0);
        try (Tokenizer cached = new TokenizerResolver(env(hfHome)).resolve("acme/tiny")) {
            assertEquals(3, cached.count("Hello world!"), "served from the cache with the hub gone");
        }
    }

    @Test
    void aMissingModelIsAClearErrorWithoutTheToken(@TempDir Path hfHome) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenizerResolver(env(hfHome)).resolve("acme/missing"));
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().startsWith("--tokenizer acme/missing"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hf_secret"));
        try (var files = Files.walk(hfHome)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".part") || p.endsWith("tokenizer.json")),
                    "nothing half-written is left in the cache");
        } catch (IOException io) {
            throw new AssertionError(io);
        }
    }

    @Test
    void offlineModeNeverAsksTheHub(@TempDir Path hfHome) {
        Map<String, String> offline = new java.util.HashMap<>(env(hfHome));
        offline.put("HF_HUB_OFFLINE", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenizerResolver(offline).resolve("acme/tiny"));
        assertTrue(e.getMessage().contains("HF_HUB_OFFLINE"), e.getMessage());
        assertTrue(requests.isEmpty());
    }
}
