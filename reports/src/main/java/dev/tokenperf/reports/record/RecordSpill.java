package dev.tokenperf.reports.record;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * spill that was never finished (a run that failed). The file is deleted when the JVM exits.
 *
 * <p>File layout: per record, a 4-byte length and the {@link RecordCodec} bytes.
 */
public final class RecordSpill implements AutoCloseable {
    /**
     * How long the writer sleeps when nothing is waiting: a record waits at most this long in the heap, and an
     * idle writer wakes only 100 times a second, off the cores the event loops need ({@link #finish()} wakes it).
     */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int INITIAL_RECORD_BUFFER = 4096;

    private final Path file;
    private final ConcurrentLinkedQueue<RequestRecord> handOver = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private volatile boolean finishing;
    private volatile IOException failure;
    private int written;
    private RequestRecords finished;

    private RecordSpill(Path file) {
        this.file = file;
        this.writer = new Thread(this::writeLoop, "tokenperf-record-spill");
        writer.setDaemon(true);
        writer.start();
    }

    /** A spill in a new temporary file. */
    public static RecordSpill open() {
        try {
            Path file = Files.createTempFile("tokenperf-records-", ".bin");
            file.toFile().deleteOnExit();
            return new RecordSpill(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for request records: " + e.getMessage(), e);
        }
    }

    /** Hands a record over from any thread; never blocks. */
    public void accept(RequestRecord record) {
        handOver.add(record);
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
                throw new UncheckedIOException("cannot write request records to " + file + ": "
                        + failure.getMessage(), failure);
            }
            finished = new Spilled(file, written);
        }
        return finished;
    }

    /** Stops the writer if {@link #finish()} was not called; records stay readable. Never throws. */
    @Override
    public synchronized void close() {
        if (finished == null) {
            stopWriter();
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
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            while (true) {
                RequestRecord r = handOver.poll();
                if (r == null) {
                    if (finishing && handOver.isEmpty()) {
                        return;
                    }
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                    continue;
                }
                buffer = encode(r, buffer);
                out.write(buffer.array(), 0, buffer.position());
                written++;
            }
        } catch (IOException e) {
            failure = e;
        }
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
        private final int size;

        Spilled(Path file, int size) {
            this.file = file;
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
         * Reads the file by position in blocks, opening it for each block, so an iteration abandoned half way
         * (a {@code findFirst}, an {@code allMatch}) leaves no file open.
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
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
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
