package dev.tokenperf.cacheprobe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The probe's JSONL file: cleared when opened, one {@link ProbeRow} per line, flushed after each row. */
final class ProbeLog implements AutoCloseable {
    private final Path path;
    private final BufferedWriter writer;

    /** @throws IllegalArgumentException naming {@code --out} when the file cannot be written */
    ProbeLog(Path path) {
        this.path = path;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + path + ": cannot write: " + e.getMessage());
        }
    }

    void append(ProbeRow row) {
        try {
            writer.write(row.toJson());
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new ProbeFailedException("--out " + path + ": cannot write: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
