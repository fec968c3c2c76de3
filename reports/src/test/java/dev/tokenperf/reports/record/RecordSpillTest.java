package dev.tokenperf.reports.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordSpillTest {

    /** Every field of {@code expected}, compared one by one (RequestRecord.equals looks at a few). */
    private static void assertSameRecord(RequestRecord expected, RequestRecord actual) {
        assertEquals(expected.index(), actual.index());
        assertEquals(expected.requestId(), actual.requestId());
        assertEquals(expected.warmup(), actual.warmup());
        assertEquals(expected.streaming(), actual.streaming());
        assertEquals(expected.intendedStartNanos(), actual.intendedStartNanos());
        assertEquals(expected.startNanos(), actual.startNanos());
        assertEquals(expected.endNanos(), actual.endNanos());
        assertArrayEquals(expected.chunkArrivalNanos(), actual.chunkArrivalNanos());
        assertArrayEquals(expected.chunkReadIndexes(), actual.chunkReadIndexes());
        assertEquals(expected.serverInputTokens(), actual.serverInputTokens());
        assertEquals(expected.serverOutputTokens(), actual.serverOutputTokens());
        assertEquals(expected.requestedInputTokens(), actual.requestedInputTokens());
        assertEquals(expected.requestedOutputTokens(), actual.requestedOutputTokens());
        assertEquals(expected.outputText(), actual.outputText());
        assertEquals(expected.error(), actual.error());
        assertEquals(expected.sessionId(), actual.sessionId());
        assertEquals(expected.turnIndex(), actual.turnIndex());
        assertEquals(expected.serverCachedTokens(), actual.serverCachedTokens());
        assertEquals(expected.model(), actual.model());
        assertEquals(expected.url(), actual.url());
    }

    private static RequestRecord record(int i, Random random) {
        int chunks = i % 7 == 0 ? 0 : random.nextInt(300);
        long start = random.nextLong() >>> 20;
        long[] arrivals = new long[chunks];
        long[] reads = new long[chunks];
        long t = start + random.nextInt(100_000_000);
        long read = 1 + random.nextInt(5);
        for (int c = 0; c < chunks; c++) {
            arrivals[c] = t;
            reads[c] = read;
            t += random.nextInt(20_000_000);
            read += random.nextInt(3);
        }
        // one text larger than the reader's 64 KiB block, the others short, with multi-byte characters
        String text = i == 5 ? "é".repeat(70_000) : "tök€n 🚀 " + i;
        RequestError error = i % 5 == 3 ? new RequestError(ErrorKind.values()[i % ErrorKind.values().length],
                i % 2 == 0 ? 503 : 0, "reason " + i) : null;
        // the intended start may precede the send (schedule lag) and tokens may be unknown (-1)
        // every third record is a turn of a multi-turn session
        boolean turn = i % 3 == 1;
        return new RequestRecord(i, "run-" + i, i % 4 == 0, i % 3 != 0, start - random.nextInt(1000), start,
                t + 1, arrivals, reads, i % 2 == 0 ? -1 : 40, i % 2 == 0 ? -1 : chunks, 32, i % 6 == 0 ? -1 : 64,
                text, error, 0, -1, turn ? "séssion-" + i / 9 : null, turn ? i % 4 : -1, i % 7 == 0 ? -1 : i % 40,
                i % 2 == 0 ? null : "lora-" + i % 3, i % 5 == 0 ? null : "http://replica-" + i % 2 + ":8000");
    }

    @Test
    void everyFieldOfEveryRecordReadsBackOnEveryPassInHandOverOrder() {
        Random random = new Random(11);
        List<RequestRecord> expected = new ArrayList<>();
        RecordSpill spill = RecordSpill.open();
        for (int i = 0; i < 2_000; i++) {
            RequestRecord r = record(i, random);
            expected.add(r);
            spill.accept(r);
        }
        RequestRecords records = spill.finish();
        assertEquals(expected.size(), records.size());
        for (int pass = 0; pass < 2; pass++) {
            List<RequestRecord> read = records.toList();
            assertEquals(expected.size(), read.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameRecord(expected.get(i), read.get(i));
            }
        }
        assertSame(records, spill.finish());
        long measured = expected.stream().filter(r -> !r.warmup()).count();
        assertEquals(measured, records.measured().size());
        assertEquals(measured, records.measured().stream().count());
    }

    @Test
    void recordsHandedOverFromManyThreadsAreAllKept() throws Exception {
        RecordSpill spill = RecordSpill.open();
        int threads = 4;
        int each = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * each;
            Thread worker = new Thread(() -> {
                Random random = new Random(offset);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    spill.accept(record(offset + i, random));
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        List<RequestRecord> read = new ArrayList<>(spill.finish().toList());
        assertEquals(threads * each, read.size());
        read.sort(Comparator.comparingInt(RequestRecord::index));
        for (int i = 0; i < read.size(); i++) {
            assertEquals(i, read.get(i).index());
        }
    }

    @Test
    void anAbandonedPassDoesNotDisturbTheNext() {
        RecordSpill spill = RecordSpill.open();
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            spill.accept(record(i, random));
        }
        RequestRecords records = spill.finish();
        assertEquals("run-1", records.stream().filter(r -> r.index() == 1).findFirst().orElseThrow().requestId());
        assertEquals(500, records.stream().count());
    }

    @Test
    void anIdleWriterSleepsUntilARecordWakesIt() throws InterruptedException {
        RecordSpill spill = RecordSpill.open();
        awaitAsleep(spill, true);

        spill.accept(record(0, new Random(5)));

        awaitAsleep(spill, false);
        awaitAsleep(spill, true);
        assertEquals(1, spill.finish().size());
    }

    /** Waits (bounded) until the writer is, or is no longer, asleep: a state it reaches, whatever the timing. */
    private static void awaitAsleep(RecordSpill spill, boolean asleep) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (spill.writerAsleep() != asleep) {
            assertTrue(System.nanoTime() < deadline, "writer never became " + (asleep ? "asleep" : "awake"));
            Thread.sleep(1);
        }
    }

    @Test
    void anEmptySpillHasNoRecords() {
        RequestRecords records = RecordSpill.open().finish();
        assertEquals(0, records.size());
        assertEquals(0, records.stream().count());
        assertEquals(0, records.measured().size());
    }

    @Test
    void theFileLeavesItsDirectoryAtOnceAndTheRecordsStayReadable(@TempDir Path dir) throws IOException {
        RecordSpill spill = RecordSpill.openIn(dir, Redactor.NONE);
        assertEquals(List.of(), listing(dir));
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            spill.accept(record(i, random));
        }
        RequestRecords records = spill.finish();
        spill.close();
        assertEquals(List.of(), listing(dir));
        assertEquals(300, records.stream().count());
        assertEquals("run-299", records.toList().get(299).requestId());
    }

    @Test
    void anUnfinishedSpillLeavesNoFile(@TempDir Path dir) throws IOException {
        try (RecordSpill spill = RecordSpill.openIn(dir, Redactor.NONE)) {
            spill.accept(record(1, new Random(1)));
        }
        assertEquals(List.of(), listing(dir));
    }

    /** A writer that cannot write (here: a read-only channel; in life, a full disk) stops the hand-over. */
    @Test
    void onceTheWriterHasFailedTheHandOverRefusesRecords(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("records.bin"));
        RecordSpill spill = new RecordSpill(file, FileChannel.open(file, StandardOpenOption.READ), Redactor.NONE);
        Random random = new Random(9);
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record(i, random));
        }
        long accepted = 0;
        UncheckedIOException refused = null;
        // record 5 alone (140 KB) exceeds the writer's 64 KiB buffer, so its write reaches the channel and fails;
        // until the writer has seen that, records are accepted. The pause keeps a broken spill's queue small, and
        // the deadline only bounds a broken spill, which would accept for ever
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (refused == null && System.nanoTime() < deadline) {
            try {
                spill.accept(records.get((int) (accepted % records.size())));
                accepted++;
                LockSupport.parkNanos(100_000);
            } catch (UncheckedIOException e) {
                refused = e;
            }
        }
        assertNotNull(refused, "still accepting records 20 s after the writer failed (" + accepted + " queued)");
        assertTrue(accepted > 5, "refused only after the failing write: " + accepted);
        assertTrue(refused.getMessage().startsWith("cannot write request records to " + file + ": "),
                refused.getMessage());
        assertThrows(UncheckedIOException.class, () -> spill.accept(records.get(0)));
        UncheckedIOException finish = assertThrows(UncheckedIOException.class, spill::finish);
        assertEquals(refused.getMessage(), finish.getMessage());
    }

    /** A file left by a killed process (or an older tokenperf without a process id) goes; a live one stays. */
    @Test
    void openingRemovesSpillFilesOfProcessesThatAreGone(@TempDir Path dir) throws IOException {
        // beyond Linux's largest pid (2^22): no such process runs
        Path dead = Files.createFile(dir.resolve("tokenperf-records-999999999-1.bin"));
        Path old = Files.createFile(dir.resolve("tokenperf-records-12345678.bin"));
        Path live = Files.createFile(dir.resolve("tokenperf-records-" + ProcessHandle.current().pid() + "-2.bin"));
        Path other = Files.createFile(dir.resolve("unrelated-999999999-1.bin"));
        RecordSpill.openIn(dir, Redactor.NONE).close();
        assertEquals(List.of(live, other), listing(dir).stream().sorted().toList());
        assertTrue(Files.exists(dead) == false && Files.exists(old) == false);
    }

    @Test
    void errorMessagesLoseTheRunsSecretsOnTheWayToDisk(@TempDir Path dir) {
        RecordSpill spill = RecordSpill.openIn(dir, Redactor.of(List.of("Bearer sk-live", "sk-live")));
        RequestRecord failed = new RequestRecord(0, "r", false, true, 0, 1, 2, null, null, -1, -1, 4, 4, "",
                new RequestError(ErrorKind.HTTP_STATUS, 401, "HTTP 401: bad key sk-live in Bearer sk-live"));
        spill.accept(failed);
        RequestError written = spill.finish().toList().get(0).error();
        assertEquals("HTTP 401: bad key <redacted> in <redacted>", written.message());
        assertEquals(401, written.httpStatus());
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
