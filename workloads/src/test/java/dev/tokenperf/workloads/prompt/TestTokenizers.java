package dev.tokenperf.workloads.prompt;

import dev.tokenperf.workloads.tokenizer.HuggingFaceTokenizerFile;
import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The tokenizers tests use: the shared real-model ones (from ../shared/tokenizers) and the embedded default. */
public final class TestTokenizers {
    /** The shared folder, relative to a module directory (Maven runs tests there). */
    public static final Path SHARED = Path.of("..", "..", "shared", "tokenizers");

    private TestTokenizers() {
    }

    public static Tokenizer named(String name) {
        if (name.equals(JTokkitTokenizer.NAME)) {
            return new JTokkitTokenizer();
        }
        try {
            return HuggingFaceTokenizerFile.load(SHARED.resolve(name).resolve("tokenizer.json"), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
