package dev.tokenperf.reports.record;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where a run's records go as requests end: any thread hands a record over without blocking, and one writer
 * thread appends it to a temporary file, so the heap does not grow with the number of requests. {@link #finish()}
 * drains the hand-over and returns the file as {@link RequestRecords}; {@link #close()} stops the writer of a
 * spill that was never finished (a run that failed). Once the writer has failed (e.g. the disk is full),
 * {@link #accept} throws instead of queueing records on the heap that can never be written.
 *
 * <p>The file's name is deleted as soon as it is open, so no run, read or merge leaves a file behind, not even
 * when the JVM is killed: its bytes stay reachable through the one open channel, which the spill (or its
 * records, once finished) holds, and the space is freed when that channel closes (with an unfinished spill, or
 * when the records become unreachable, or at exit). The name carries the process id, so that a file left by a
 * process killed between creating and deleting it (or by an older tokenperf) is removed by the next spill
 * opened in the same directory once that process is gone.
 *
 * <p>Each record's error message passes the run's {@link Redactor} on the writer thread, so a secret a server
 * echoed never reaches a result file or the console, both of which read the records from here.
 *
 * <p>File layout: per record, a 4-byte length and the {@link RecordCodec} bytes.
 */
public final class RecordSpill implements AutoCloseable {
    /**
     * How long the writer naps when it finds nothing waiting right after writing: under load a record waits at most
     * this long in the heap and the event loops never have to wake the writer. After a nap that brought nothing,
     * the writer sleeps until {@link #accept} (or {@link #finish()}) wakes it, so an idle run costs no wake-ups.
     */
    private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int INITIAL_RECORD_BUFFER = 4096;

    /** How every spill file's name starts (then the pid): how a spill is told apart among open files. */
    public static final String PREFIX = "tokenperf-records-";
    private static final String SUFFIX = ".bin";

    private final Path file;
    private final FileChannel channel;
    private final Redactor redactor;
    private final ConcurrentLinkedQueue<RequestRecord> handOver = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private volatile boolean finishing;
    /** True while the writer sleeps until woken: then {@link #accept} wakes it (a handful of times per idle spell). */
    private volatile boolean asleep;
    private volatile IOException failure;
    private int written;
    private RequestRecords finished;

    /** A spill that appends to {@code channel} and reads back through it; {@code file} names it in messages. */
    RecordSpill(Path file, FileChannel channel, Redactor redactor) {
        this.file = file;
        this.channel = channel;
        this.redactor = redactor;
        this.writer = new Thread(this::writeLoop, "tokenperf-record-spill");
        writer.setDaemon(true);
        writer.start();
    }

    /** A spill in a new file in the temporary directory ({@code java.io.tmpdir}), with nothing to redact. */
    public static RecordSpill open() {
        return open(Redactor.NONE);
    }

    /** A spill in a new file in the temporary directory whose records' error messages pass {@code redactor}. */
    public static RecordSpill open(Redactor redactor) {
        return openIn(Path.of(System.getProperty("java.io.tmpdir")), redactor);
    }

    /**
     * A spill in a new file in {@code directory}, whose name is deleted before this returns; files left there by
     * processes that no longer run are removed first.
     */
    static RecordSpill openIn(Path directory, Redactor redactor) {
        removeStale(directory);
        try {
            Path file = Files.createTempFile(directory, PREFIX + ProcessHandle.current().pid() + "-", SUFFIX);
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } finally {
                Files.delete(file);
            }
            return new RecordSpill(file, channel, redactor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for request records: " + e.getMessage(), e);
        }
    }

    /** Deletes the spill files in {@code directory} whose process is gone, or whose name has no process id. */
    private static void removeStale(Path directory) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) {
                if (!ownerAlive(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // best effort: a stale file costs disk space, never a run
        }
    }

    /** Whether the process named in a spill file's name still runs; false for names without a process id. */
    static boolean ownerAlive(String fileName) {
        String rest = fileName.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return dash > 0 && ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Hands a record over from any thread; never blocks.
     *
     * @throws UncheckedIOException once the writer has failed: the record could never be written
     */
    public void accept(RequestRecord record) {
        if (failure != null) {
            throw writeFailed();
        }
        handOver.add(record);
        if (asleep) {
            LockSupport.unpark(writer);
        }
    }

    /** Whether the writer is asleep until woken (tests check that an idle spill costs no wake-ups). */
    boolean writerAsleep() {
        return asleep && writer.getState() == Thread.State.WAITING;
    }

    private UncheckedIOException writeFailed() {
        return new UncheckedIOException("cannot write request records to " + file + ": " + failure.getMessage(),
                failure);
    }

    /**
     * Waits until every record handed over is in the file and returns them; later calls return the same.
     *
     * @throws UncheckedIOException when the file could not be written (e.g. the disk is full)
     */
    public synchronized RequestRecords finish() {
        if (finished == null) {
            if (!stopWriter()) {
                throw new IllegalStateException("interrupted while writing request records");
            }
            if (failure != null) {
                closeChannel();
                throw writeFailed();
            }
            finished = new Spilled(file, channel, written);
        }
        return finished;
    }

    /** Stops the writer and frees the file of a spill that {@link #finish()} never returned. Never throws. */
    @Override
    public synchronized void close() {
        if (finished == null) {
            stopWriter();
            closeChannel();
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: the file has no name, and its space is freed at exit at the latest
        }
    }

    /** Lets the writer drain the hand-over and waits for it; false when interrupted while waiting. */
    private boolean stopWriter() {
        finishing = true;
        LockSupport.unpark(writer);
        try {
            writer.join();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(INITIAL_RECORD_BUFFER);
        // not closed: closing the stream would close the channel, which the records read back through
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        boolean napped = false;
        try {
            while (true) {
                RequestRecord r = handOver.poll();
                if (r == null) {
                    if (finishing && handOver.isEmpty()) {
                        out.flush();
                        return;
                    }
                    if (napped) {
                        sleepUntilWoken();
                    } else {
                        LockSupport.parkNanos(NAP_NANOS);
                    }
                    napped = !napped;
                    continue;
                }
                napped = false;
                buffer = encode(redactor.apply(r), buffer);
                out.write(buffer.array(), 0, buffer.position());
                written++;
            }
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
            handOver.clear(); // what is queued can never be written; accept refuses more from now on
        }
    }

    /**
     * Parks until {@link #accept} or {@link #finish()} unparks it. {@code asleep} is written before the queue is
     * checked, and {@code accept} adds before it reads {@code asleep} (both volatile), so a record handed over
     * meanwhile is either seen here or wakes the writer.
     */
    private void sleepUntilWoken() {
        asleep = true;
        if (handOver.isEmpty() && !finishing) {
            LockSupport.park(this);
        }
        asleep = false;
    }

    /** Length-prefixed encoding of {@code r} in {@code buffer}, grown when a record does not fit. */
    private static ByteBuffer encode(RequestRecord r, ByteBuffer buffer) {
        while (true) {
            try {
                buffer.clear();
                buffer.position(Integer.BYTES);
                RecordCodec.encode(r, buffer);
                buffer.putInt(0, buffer.position() - Integer.BYTES);
                return buffer;
            } catch (BufferOverflowException tooSmall) {
                buffer = ByteBuffer.allocate(buffer.capacity() * 2);
            }
        }
    }

    /** The records of a finished spill, decoded afresh on every pass. */
    private static final class Spilled extends RequestRecords {
        private final Path file;
        private final FileChannel channel;
        private final int size;

        Spilled(Path file, FileChannel channel, int size) {
            this.file = file;
            this.channel = channel;
            this.size = size;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<RequestRecord> iterator() {
            return new Reader();
        }

        /**
         * Reads the file in blocks by position, which leaves the channel's own position alone, so that any number
         * of passes (abandoned half way by a {@code findFirst} or not) can share the one channel.
         */
        private final class Reader implements Iterator<RequestRecord> {
            private ByteBuffer block = ByteBuffer.allocate(1 << 16).flip();
            private long filePosition;
            private int read;

            @Override
            public boolean hasNext() {
                return read < size;
            }

            @Override
            public RequestRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                fill(Integer.BYTES);
                int length = block.getInt();
                fill(length);
                ByteBuffer one = block.slice(block.position(), length);
                block.position(block.position() + length);
                read++;
                try {
                    return RecordCodec.decode(one);
                } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
                    throw new IllegalStateException("corrupt record spill " + file + " at record " + read, e);
                }
            }

            /** Ensures {@code bytes} unread bytes are in the block. */
            private void fill(int bytes) {
                if (block.remaining() >= bytes) {
                    return;
                }
                block.compact();
                if (block.capacity() < bytes) {
                    block = ByteBuffer.allocate(Math.max(bytes, 2 * block.capacity())).put(block.flip());
                }
                try {
                    while (block.position() < bytes) {
                        int n = channel.read(block, filePosition);
                        if (n < 0) {
                            throw new IllegalStateException("record spill " + file + " ended early at record " + read);
                        }
                        filePosition += n;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read request records from " + file + ": "
                            + e.getMessage(), e);
                } finally {
                    block.flip();
                }
            }
        }
    }
}
