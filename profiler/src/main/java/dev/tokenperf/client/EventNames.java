package dev.tokenperf.client;

import java.nio.charset.StandardCharsets;

/**
 * The SSE event names one connection has seen, each resolved from its bytes to one String instance: a stream
 * repeats a handful of names (one per token for the Responses and Messages APIs), so after the first of each
 * no String is made. The table is small and bounded; when full, the oldest slot is reused, so a server that
 * invents names costs one String per event, as before, and never unbounded memory.
 */
final class EventNames {
    private static final int SLOTS = 16;

    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] names = new String[SLOTS];
    private int used;
    private int next;

    /** The name whose UTF-8 bytes are {@code [0, length)} of {@code name}. */
    String of(byte[] name, int length) {
        for (int i = 0; i < used; i++) {
            if (equal(bytes[i], name, length)) {
                return names[i];
            }
        }
        String text = new String(name, 0, length, StandardCharsets.UTF_8);
        int slot = used < SLOTS ? used++ : next++ % SLOTS;
        bytes[slot] = java.util.Arrays.copyOf(name, length);
        names[slot] = text;
        return text;
    }

    private static boolean equal(byte[] known, byte[] name, int length) {
        if (known.length != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (known[k] != name[k]) {
                return false;
            }
        }
        return true;
    }
}
