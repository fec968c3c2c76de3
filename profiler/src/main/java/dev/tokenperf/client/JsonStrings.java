package dev.tokenperf.client;

/**
 * A JSON string's content as UTF-8 bytes, escaped as Jackson's UTF-8 generator escapes it: {@code \"}, {@code \\},
 * {@code \b \t \n \f \r}; other control characters and each UTF-16 surrogate (so a character beyond the BMP is
 * a pair of escapes) as backslash-u with four upper-case hex digits; everything else, {@code /} included, as UTF-8.
 * Plain code, no Jackson: it runs on the event loop for a session's next turn. {@code HistoryBodiesTest} checks
 * the bytes against Jackson's.
 */
final class JsonStrings {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private JsonStrings() {
    }

    /** The escaped UTF-8 bytes of {@code text}, without the quotes. */
    static byte[] escaped(String text) {
        byte[] out = new byte[length(text)];
        int at = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char shortEscape = shortEscape(c);
            if (shortEscape != 0) {
                out[at++] = '\\';
                out[at++] = (byte) shortEscape;
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out[at++] = '\\';
                out[at++] = 'u';
                out[at++] = HEX[c >> 12];
                out[at++] = HEX[(c >> 8) & 0xF];
                out[at++] = HEX[(c >> 4) & 0xF];
                out[at++] = HEX[c & 0xF];
            } else if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return out;
    }

    /** The letter after the backslash of a two-character escape, or 0. */
    private static char shortEscape(char c) {
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
    }

    private static int length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += shortEscape(c) != 0 ? 2 : c < 0x20 || Character.isSurrogate(c) ? 6 : c < 0x80 ? 1
                    : c < 0x800 ? 2 : 3;
        }
        return length;
    }
}
