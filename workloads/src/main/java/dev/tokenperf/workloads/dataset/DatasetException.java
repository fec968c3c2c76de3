package dev.tokenperf.workloads.dataset;

import java.nio.file.Path;

/** A dataset file that cannot be used; the message names the file and, for a bad entry, its line. */
public final class DatasetException extends IllegalArgumentException {
    public DatasetException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DatasetException(Path file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
