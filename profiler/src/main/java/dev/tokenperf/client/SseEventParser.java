package dev.tokenperf.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The WHATWG event-stream parser as a byte-level state machine: input may be split anywhere (inside a
 * CRLF pair, inside a multi-byte UTF-8 character); LF, CR and CRLF all end lines; a leading BOM is skipped;
 * comments are ignored; {@code data:} lines are joined with LF; exactly one space after the colon is
 * stripped, never more, because a token's own leading space is content. An event still incomplete when the
 * stream ends is discarded, as the standard says.
 *
 * <p>It runs once per streamed byte, so it works on bytes: a line that arrives whole is read where it lies (it is
 * copied only when split across reads), field names are matched as bytes, and an event's data stays UTF-8 until
 * a {@link Listener} asks for text. Event names are first-class: the {@code event:} value is kept as bytes and
 * resolved through {@link EventNames} to the same String instance every time it recurs, so the named events of
 * the Responses and Messages APIs (one per token) cost no String each, and the String's cached hash makes a
 * {@code switch} on it cheap.
 */
public final class SseEventParser {

    /** Receives each dispatched event as text. */
    public interface Listener {
        void onEvent(String type, String data, String id);
    }

    /**
     * Receives each dispatched event with its data still UTF-8 encoded: bytes {@code [0, length)} of
     * {@code data}, valid only during the call (the parser reuses the array).
     */
    public interface Utf8Listener {
        void onEvent(String type, byte[] data, int length, String id);
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};

    private final int maxLineBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipNextLf;
    private int bomMatched;
    private boolean started;
    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    /** The pending event's name, as the bytes of its {@code event:} line; resolved to a String at dispatch. */
    private byte[] eventName = new byte[32];
    private int eventNameLength = -1;
    private final EventNames names = new EventNames();
    private String lastEventId;

    /** @param maxLineBytes longest accepted line; a longer one raises {@link SseFormatException} */
    public SseEventParser(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** Clears all state, for the next response on a kept-alive connection. */
    public void reset() {
        lineLength = 0;
        skipNextLf = false;
        bomMatched = 0;
        started = false;
        dataLength = 0;
        hasData = false;
        eventNameLength = -1;
        lastEventId = null;
    }

    /** Feeds bytes {@code [offset, offset+length)}; dispatches each event completed by them, as text. */
    public void feed(byte[] bytes, int offset, int length, Listener listener) {
        feed(bytes, offset, length, (Utf8Listener) (type, utf8, n, id) ->
                listener.onEvent(type, new String(utf8, 0, n, StandardCharsets.UTF_8), id));
    }

    /** Feeds bytes {@code [offset, offset+length)}; dispatches each event completed by them, as UTF-8. */
    public void feed(byte[] bytes, int offset, int length, Utf8Listener listener) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (!started) {
                byte b = bytes[i];
                if (b == BOM[bomMatched]) {
                    bomMatched++;
                    if (bomMatched == BOM.length) {
                        started = true;
                    }
                    i++;
                    continue;
                }
                started = true;
                if (bomMatched > 0) { // not a BOM after all: those bytes were content
                    append(BOM, 0, bomMatched);
                }
            }
            if (skipNextLf) {
                skipNextLf = false;
                if (bytes[i] == '\n') {
                    i++;
                    continue;
                }
            }
            int eol = i;
            while (eol < end && bytes[eol] != '\n' && bytes[eol] != '\r') {
                eol++;
            }
            if (eol == end) { // the line goes on in the next read
                append(bytes, i, eol - i);
                return;
            }
            if (lineLength == 0) {
                checkLength(eol - i);
                endLine(bytes, i, eol - i, listener);
            } else {
                append(bytes, i, eol - i);
                int n = lineLength;
                lineLength = 0;
                endLine(line, 0, n, listener);
            }
            skipNextLf = bytes[eol] == '\r';
            i = eol + 1;
        }
    }

    private void checkLength(int length) {
        if (length > maxLineBytes) {
            throw new SseFormatException("SSE line longer than " + maxLineBytes + " bytes");
        }
    }

    private void append(byte[] bytes, int from, int n) {
        checkLength(lineLength + n);
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(lineLength + n, line.length * 2)));
        }
        System.arraycopy(bytes, from, line, lineLength, n);
        lineLength += n;
    }

    /** One whole line, bytes {@code [from, from+length)} of {@code bytes}, without its line end. */
    private void endLine(byte[] bytes, int from, int length, Utf8Listener listener) {
        if (length == 0) {
            dispatch(listener);
            return;
        }
        if (bytes[from] == ':') {
            return; // comment
        }
        int end = from + length;
        int colon = from;
        while (colon < end && bytes[colon] != ':') {
            colon++;
        }
        int valueStart = colon + 1;
        if (valueStart < end && bytes[valueStart] == ' ') {
            valueStart++;
        }
        valueStart = Math.min(valueStart, end); // a line without a colon is a field with an empty value
        int fieldLength = colon - from;
        if (is(bytes, from, fieldLength, DATA)) {
            appendData(bytes, valueStart, end - valueStart);
        } else if (is(bytes, from, fieldLength, EVENT)) {
            int n = end - valueStart;
            if (n > eventName.length) {
                eventName = Arrays.copyOf(eventName, Math.max(n, eventName.length * 2));
            }
            System.arraycopy(bytes, valueStart, eventName, 0, n);
            eventNameLength = n;
        } else if (is(bytes, from, fieldLength, ID)) {
            if (indexOfNul(bytes, valueStart, end) < 0) {
                lastEventId = new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8);
            }
        }
        // "retry" and unknown fields are ignored, as the standard says
    }

    private static boolean is(byte[] bytes, int from, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (bytes[from + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfNul(byte[] bytes, int from, int end) {
        for (int k = from; k < end; k++) {
            if (bytes[k] == 0) {
                return k;
            }
        }
        return -1;
    }

    private void appendData(byte[] bytes, int from, int n) {
        int needed = dataLength + n + (hasData ? 1 : 0);
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(bytes, from, data, dataLength, n);
        dataLength += n;
        hasData = true;
    }

    private void dispatch(Utf8Listener listener) {
        if (!hasData) {
            eventNameLength = -1;
            return;
        }
        String type = eventNameLength <= 0 ? SseEvent.UNNAMED : names.of(eventName, eventNameLength);
        int n = dataLength;
        dataLength = 0;
        hasData = false;
        eventNameLength = -1;
        listener.onEvent(type, data, n, lastEventId);
    }
}
