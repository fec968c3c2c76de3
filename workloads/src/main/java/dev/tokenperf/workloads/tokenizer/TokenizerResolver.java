package dev.tokenperf.workloads.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the tokenizer a {@code --tokenizer} value names: a {@code tokenizer.json}, a folder holding one, or a
 * HuggingFace model id ({@code org/name}) from the local HuggingFace cache
 * ({@code $HF_HOME/hub/models--org--name/snapshots/*\/tokenizer.json}, {@code HF_HOME} defaulting to
 * {@code ~/.cache/huggingface}), downloaded into that cache first when it is not there and the network
 * allows ({@link HubDownloader}). No value means the embedded {@code o200k_base}.
 */
public final class TokenizerResolver {
    private static final String FILE_NAME = "tokenizer.json";

    private final Map<String, String> env;
    private final HubDownloader hub;

    /** @param env the environment to read {@code HF_HOME}, {@code HOME} and the {@code HF_*} hub settings from */
    public TokenizerResolver(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.hub = new HubDownloader(this.env);
    }

    /**
     * @param spec the {@code --tokenizer} value, or null for the embedded default
     * @throws IllegalArgumentException naming the value and what was looked for, when nothing matches
     * @throws IOException when a found file cannot be read as a tokenizer
     */
    public Tokenizer resolve(String spec) throws IOException {
        if (spec == null || spec.isBlank()) {
            return new JTokkitTokenizer();
        }
        Path path = Path.of(spec);
        if (Files.isRegularFile(path)) {
            return HuggingFaceTokenizerFile.load(path, spec);
        }
        if (Files.isDirectory(path)) {
            Path file = path.resolve(FILE_NAME);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--tokenizer " + spec + ": folder has no " + FILE_NAME);
            }
            return HuggingFaceTokenizerFile.load(file, spec);
        }
        Optional<Path> cached = fromHuggingFaceCache(spec);
        if (cached.isPresent()) {
            return HuggingFaceTokenizerFile.load(cached.get(), spec);
        }
        if (!isModelId(spec)) {
            throw new IllegalArgumentException("--tokenizer " + spec + ": not a tokenizer.json, a folder holding "
                    + "one, or a model id (org/name)");
        }
        if (!hub.enabled()) {
            throw new IllegalArgumentException("--tokenizer " + spec + ": not in the HuggingFace cache " + hubDir()
                    + " and HF_HUB_OFFLINE forbids downloading it");
        }
        Path downloaded;
        try {
            downloaded = hub.download(spec, hubDir());
        } catch (IOException e) {
            throw new IllegalArgumentException("--tokenizer " + spec + ": not in the HuggingFace cache " + hubDir()
                    + " and the download failed: " + e.getMessage());
        }
        return HuggingFaceTokenizerFile.load(downloaded, spec);
    }

    private static boolean isModelId(String spec) {
        return spec.matches("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+");
    }

    private Optional<Path> fromHuggingFaceCache(String modelId) throws IOException {
        if (!isModelId(modelId)) {
            return Optional.empty();
        }
        Path snapshots = hubDir().resolve("models--" + modelId.replace("/", "--")).resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(snapshots)) {
            // the most recently written snapshot is the one a HuggingFace client resolved last
            return dirs.map(d -> d.resolve(FILE_NAME)).filter(Files::isRegularFile)
                    .max(Comparator.comparing(TokenizerResolver::modified));
        }
    }

    private Path hubDir() {
        String hfHome = env.get("HF_HOME");
        if (hfHome != null && !hfHome.isBlank()) {
            return Path.of(hfHome, "hub");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "huggingface", "hub");
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
