package dev.tokenperf.serving;

import java.util.Arrays;

/**
 * The KV-cache tokens booked on one decode GPU ({@link ServingExtensions#decodeKvTokensPerGpu}): each booked
 * sequence's tokens and when its last token is due. A booking counts from the moment it is made until its
 * end (conservative: a sequence admitted later is counted as holding its memory already), so admissions
 * never overcommit the memory.
 */
final class KvLedger {
    private final long capacity;
    private long[] ends = new long[16];
    private long[] tokens = new long[16];
    private int size;

    KvLedger(long capacity) {
        this.capacity = capacity;
    }

    /**
     * The earliest time at or after {@code from} when {@code need} tokens fit (a sequence larger than the whole
     * memory: when nothing else is held). {@code now} is the current arrival; bookings ending by then are dropped.
     */
    long admission(long now, long from, long need) {
        prune(now);
        long wanted = Math.min(need, capacity);
        long at = from;
        while (held(at) + wanted > capacity) {
            long next = Long.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                if (ends[i] > at && ends[i] < next) {
                    next = ends[i];
                }
            }
            at = next;
        }
        return at;
    }

    /** Books {@code need} tokens until {@code end}. */
    void book(long end, long need) {
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, size * 2);
            tokens = Arrays.copyOf(tokens, size * 2);
        }
        ends[size] = end;
        tokens[size] = need;
        size++;
    }

    private long held(long at) {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            if (ends[i] > at) {
                sum += tokens[i];
            }
        }
        return sum;
    }

    private void prune(long now) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (ends[i] > now) {
                ends[kept] = ends[i];
                tokens[kept] = tokens[i];
                kept++;
            }
        }
        size = kept;
    }
}
