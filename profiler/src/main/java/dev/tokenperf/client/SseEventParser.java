package dev.tokenperf.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The WHATWG event-stream parser as a byte-level state machine: input may be split anywhere (inside a
 * CRLF pair, inside a multi-byte UTF-8 character); LF, CR and CRLF all end lines; a leading BOM is skipped;
 * comments are ignored; {@code data:} lines are joined with LF; exactly one space after the colon is
 * stripped, never more, because a token's own leading space is content. An event still incomplete when the
 * stream ends is discarded, as the standard says.
 */
public final class SseEventParser {

    /** Receives each dispatched event. */
    public interface Listener {
        void onEvent(String type, String data, String id);
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final int maxLineBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipNextLf;
    private int bomMatched;
    private boolean started;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventType;
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
        data.setLength(0);
        hasData = false;
        eventType = null;
        lastEventId = null;
    }

    /** Feeds bytes {@code [offset, offset+length)}; dispatches each event completed by them. */
    public void feed(byte[] bytes, int offset, int length, Listener listener) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (!started) {
                if (b == BOM[bomMatched]) {
                    bomMatched++;
                    if (bomMatched == BOM.length) {
                        started = true;
                    }
                    continue;
                }
                started = true;
                if (bomMatched > 0) { // not a BOM after all: those bytes were content
                    for (int k = 0; k < bomMatched; k++) {
                        append(BOM[k]);
                    }
                }
            }
            if (skipNextLf) {
                skipNextLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                endLine(listener);
            } else if (b == '\r') {
                endLine(listener);
                skipNextLf = true;
            } else {
                append(b);
            }
        }
    }

    private void append(byte b) {
        if (lineLength >= maxLineBytes) {
            throw new SseFormatException("SSE line longer than " + maxLineBytes + " bytes");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
        }
        line[lineLength++] = b;
    }

    private void endLine(Listener listener) {
        int length = lineLength;
        lineLength = 0;
        if (length == 0) {
            dispatch(listener);
            return;
        }
        if (line[0] == ':') {
            return; // comment
        }
        int colon = -1;
        for (int i = 0; i < length; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        String field;
        String value;
        if (colon < 0) {
            field = new String(line, 0, length, StandardCharsets.UTF_8);
            value = "";
        } else {
            field = new String(line, 0, colon, StandardCharsets.UTF_8);
            int valueStart = colon + 1;
            if (valueStart < length && line[valueStart] == ' ') {
                valueStart++;
            }
            value = new String(line, valueStart, length - valueStart, StandardCharsets.UTF_8);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> eventType = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            default -> {
                // "retry" and unknown fields are ignored, as the standard says
            }
        }
    }

    private void dispatch(Listener listener) {
        if (!hasData) {
            eventType = null;
            return;
        }
        String type = eventType == null || eventType.isEmpty() ? "message" : eventType;
        String payload = data.toString();
        data.setLength(0);
        hasData = false;
        eventType = null;
        listener.onEvent(type, payload, lastEventId);
    }
}
