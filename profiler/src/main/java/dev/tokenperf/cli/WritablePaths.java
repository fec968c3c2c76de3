package dev.tokenperf.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any load is sent, that results can be written where the user asked: a run must never end with
 * its results lost to an unwritable directory. A bad place is a {@link UsageException} naming the flag.
 */
final class WritablePaths {

    private WritablePaths() {
    }

    /** Creates {@code dir} (as the writer would) and proves a file can be created in it. */
    static void requireDirectory(Path dir, String flag) {
        if (dir.toString().isBlank()) {
            throw new UsageException(flag + " must name a directory; it is empty");
        }
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".tokenperf-write-check", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException(flag + " " + dir + " is not a writable directory ("
                    + e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage() + ")");
        }
    }

    /** Checks that {@code file} is not a directory and that its directory is writable. */
    static void requireFile(Path file, String flag) {
        if (file.toString().isBlank()) {
            throw new UsageException(flag + " must name a file; it is empty");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(flag + " " + file + " is a directory; name a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            requireDirectory(parent, flag);
        }
    }
}
