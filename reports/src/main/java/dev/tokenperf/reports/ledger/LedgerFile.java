package dev.tokenperf.reports.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Appends rows to a ledger CSV. Each append holds an exclusive lock on the file and writes its row (with the
 * header, when the file is new or empty) in one write, so appends from two processes never interleave. A file
 * whose header does not start with the current columns is refused (its rows would land under the wrong
 * columns); columns a migration kept after them are left empty.
 */
public final class LedgerFile {
    /** A file lock is held per process, so threads of this process take turns here first. */
    private static final Object IN_PROCESS = new Object();

    private LedgerFile() {
    }

    /**
     * Appends {@code entry}.
     *
     * @throws LedgerException naming the file when its header is not the current one
     * @throws IOException     when the file cannot be written
     */
    public static void append(Path file, LedgerEntry entry) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        synchronized (IN_PROCESS) {
            appendLocked(file, entry);
        }
    }

    private static void appendLocked(Path file, LedgerEntry entry) throws IOException {
        String header = Csv.line(LedgerColumns.ALL);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            StringBuilder text = new StringBuilder();
            List<String> values = new ArrayList<>(entry.values());
            if (channel.size() == 0) {
                text.append(header).append('\n');
            } else {
                List<String> existing = Csv.parse(firstLine(channel)).get(0);
                if (existing.size() < LedgerColumns.ALL.size()
                        || !existing.subList(0, LedgerColumns.ALL.size()).equals(LedgerColumns.ALL)) {
                    throw new LedgerException("--ledger " + file + " has another column set; run 'tokenperf ledger "
                            + "migrate " + file + "' first");
                }
                // columns a migration kept after the current ones get nothing from tokenperf
                values.addAll(Collections.nCopies(existing.size() - LedgerColumns.ALL.size(), ""));
                if (!endsWithNewline(channel)) {
                    text.append('\n');
                }
            }
            text.append(Csv.line(values)).append('\n');
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            long position = channel.size();
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            channel.force(false);
        }
    }

    private static String firstLine(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
        channel.read(head, 0);
        String text = new String(head.array(), 0, head.position(), StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean endsWithNewline(FileChannel channel) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, channel.size() - 1);
        return last.get(0) == '\n';
    }
}
