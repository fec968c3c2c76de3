package dev.tokenperf.cacheprobe;

import dev.tokenperf.workloads.prompt.ContextPrompt;
import dev.tokenperf.workloads.prompt.Corpus;
import dev.tokenperf.workloads.prompt.TechnicalManual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the probe's document comes from ({@code -C}): synthetic filler sized to the context limit, the
 * technical manual bundled in the jar, or a file. The text is read once, before any request.
 */
public sealed interface DocumentSource {

    /** The document for a context limit of {@code maxContextTokens} (it is cut to fit later). */
    String text(int maxContextTokens);

    /** For the console. */
    String describe();

    /** {@code -C} omitted: filler prose, long enough to fill the context at any plausible token length. */
    record Synthetic() implements DocumentSource {
        @Override
        public String text(int maxContextTokens) {
            return Corpus.generate(1, Math.max(0, maxContextTokens) * ContextPrompt.CHARS_PER_TOKEN_ESTIMATE * 2);
        }

        @Override
        public String describe() {
            return "synthetic filler";
        }
    }

    /** {@code -C} with no path: the manual bundled in the jar. */
    record Bundled() implements DocumentSource {
        @Override
        public String text(int maxContextTokens) {
            return TechnicalManual.text();
        }

        @Override
        public String describe() {
            return "the bundled manual (" + TechnicalManual.LENGTH_CHARS / 1000 + " KB)";
        }
    }

    /** {@code -C PATH}: the file's text, read as UTF-8 when the source is made. */
    record File(Path path, String content) implements DocumentSource {
        /**
         * @throws IllegalArgumentException naming {@code -C/--context-file} when the file cannot be read or is empty
         */
        public static File read(Path path) {
            try {
                String content = Files.readString(path, StandardCharsets.UTF_8);
                if (content.isBlank()) {
                    throw new IllegalArgumentException("--context-file " + path + ": the file is empty");
                }
                return new File(path, content);
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException("--context-file " + path + ": cannot read: " + e.getMessage());
            }
        }

        @Override
        public String text(int maxContextTokens) {
            return content;
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }
}
