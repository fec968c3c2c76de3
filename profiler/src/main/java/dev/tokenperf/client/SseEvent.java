package dev.tokenperf.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One dispatched server-sent event. Its data is kept as the UTF-8 bytes that arrived and decoded to text only
 * when {@link #data()} is asked for: the measuring path parses the bytes directly and never needs the text.
 * Equality is the record-like equality of its five values.
 */
public final class SseEvent {
    /** The type of an event without an {@code event:} field, as the standard names it. */
    public static final String UNNAMED = "message";

    private final String type;
    private final String id;
    private final long arrivalNanos;
    private final long readIndex;
    private byte[] utf8;
    private String data;

    /**
     * @param type         the {@code event:} field, or "message" when none was given
     * @param data         the {@code data:} lines joined with LF (no trailing LF)
     * @param id           the last {@code id:} seen, or null
     * @param arrivalNanos {@code System.nanoTime()} of the network read whose bytes completed this event
     * @param readIndex    the ordinal of that read on its connection; equal values mean one read carried both
     */
    public SseEvent(String type, String data, String id, long arrivalNanos, long readIndex) {
        this(type, null, Objects.requireNonNull(data, "data"), id, arrivalNanos, readIndex);
    }

    private SseEvent(String type, byte[] utf8, String data, String id, long arrivalNanos, long readIndex) {
        this.type = type;
        this.utf8 = utf8;
        this.data = data;
        this.id = id;
        this.arrivalNanos = arrivalNanos;
        this.readIndex = readIndex;
    }

    /** An event whose data is {@code utf8} (taken, not copied: the caller gives it up). */
    public static SseEvent ofUtf8(String type, byte[] utf8, String id, long arrivalNanos, long readIndex) {
        return new SseEvent(type, Objects.requireNonNull(utf8, "utf8"), null, id, arrivalNanos, readIndex);
    }

    /** The {@code event:} field, or "message" when none was given. */
    public String type() {
        return type;
    }

    /** The {@code data:} lines joined with LF (no trailing LF), decoded from UTF-8. */
    public String data() {
        if (data == null) {
            data = new String(utf8, StandardCharsets.UTF_8);
        }
        return data;
    }

    /** The data as UTF-8 bytes; the array is shared, do not modify it. */
    public byte[] dataUtf8() {
        if (utf8 == null) {
            utf8 = data.getBytes(StandardCharsets.UTF_8);
        }
        return utf8;
    }

    /** True when the data is exactly {@code ascii} (an ASCII literal such as "[DONE]"), without decoding it. */
    public boolean dataIs(String ascii) {
        if (data != null) {
            return data.equals(ascii);
        }
        if (utf8.length != ascii.length()) {
            return false;
        }
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The last {@code id:} seen, or null. */
    public String id() {
        return id;
    }

    /** {@code System.nanoTime()} of the network read whose bytes completed this event. */
    public long arrivalNanos() {
        return arrivalNanos;
    }

    /** The ordinal of that read on its connection; equal values mean one read carried both. */
    public long readIndex() {
        return readIndex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent e && type.equals(e.type) && Arrays.equals(dataUtf8(), e.dataUtf8())
                && Objects.equals(id, e.id) && arrivalNanos == e.arrivalNanos && readIndex == e.readIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(dataUtf8()), id, arrivalNanos, readIndex);
    }

    @Override
    public String toString() {
        return "SseEvent[type=" + type + ", data=" + data() + ", id=" + id + ", arrivalNanos=" + arrivalNanos
                + ", readIndex=" + readIndex + "]";
    }
}
