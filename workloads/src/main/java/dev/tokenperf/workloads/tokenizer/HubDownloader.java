package dev.tokenperf.workloads.tokenizer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Fetches a model's {@code tokenizer.json} from a HuggingFace hub when it is not in the local cache, and stores
 * it in the cache's own layout ({@code hub/models--org--name/snapshots/REV/tokenizer.json} plus
 * {@code refs/main}), so later runs find it offline. Runs before the load starts, never on the event loop.
 * The hub is {@code $HF_ENDPOINT} (default {@code https://huggingface.co}); {@code $HF_TOKEN} is sent as a
 * bearer token and never shown; {@code HF_HUB_OFFLINE=1} forbids downloading, as in HuggingFace's own tools.
 */
final class HubDownloader {
    private static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> env;

    HubDownloader(Map<String, String> env) {
        this.env = env;
    }

    /** True unless {@code HF_HUB_OFFLINE} says downloads are off. */
    boolean enabled() {
        String offline = env.getOrDefault("HF_HUB_OFFLINE", "");
        return !(offline.equals("1") || offline.equalsIgnoreCase("true"));
    }

    String endpoint() {
        String endpoint = env.getOrDefault("HF_ENDPOINT", "");
        endpoint = endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.strip();
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /**
     * Downloads {@code modelId}'s tokenizer.json into {@code hubDir} and returns the stored file.
     *
     * @throws IOException with a one-line reason (HTTP status, unreachable hub) when it cannot
     */
    Path download(String modelId, Path hubDir) throws IOException {
        URI uri = URI.create(endpoint() + "/" + modelId + "/resolve/main/tokenizer.json");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        String token = env.get("HF_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Path repo = hubDir.resolve("models--" + modelId.replace("/", "--"));
        Files.createDirectories(repo);
        Path partial = Files.createTempFile(repo, "tokenizer", ".part");
        try {
            HttpResponse<Path> response = client.send(request.build(), HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            String revision = response.headers().firstValue("X-Repo-Commit").filter(r -> r.matches("[0-9a-f]{7,64}"))
                    .orElse("main");
            Path target = repo.resolve("snapshots").resolve(revision).resolve("tokenizer.json");
            Files.createDirectories(target.getParent());
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.createDirectories(repo.resolve("refs"));
            Files.writeString(repo.resolve("refs").resolve("main"), revision);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(reason.contains(uri.toString()) ? reason : uri + ": " + reason, e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
