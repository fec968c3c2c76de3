package dev.tokenperf.client;

import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link ChunkParser} for the common stream chunk: a byte scanner of plain JSON (ASCII strings
 * without escapes, plain numbers), reading the same fields with the same rules and allocating only the text it
 * returns. Anything else (an escape, a non-ASCII byte, an {@code error} field, a malformed or unusual document)
 * makes it give up and leave the chunk to Jackson, so the outcome, errors included, is always Jackson's. It
 * exists because creating a Jackson parser per chunk was two thirds of the client's allocation per chunk.
 */
final class PlainChunkScanner {
    /** Deeper nesting is left to Jackson (and its own limit). */
    private static final int MAX_DEPTH = 64;

    /** Thrown to give up; preallocated and stackless, since giving up is routine (escaped text). */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();
    private static final byte[] CHOICES = ascii("choices");
    private static final byte[] USAGE = ascii("usage");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] TEXT = ascii("text");
    private static final byte[] CONTENT = ascii("content");
    private static final byte[] REASONING_CONTENT = ascii("reasoning_content");
    private static final byte[] REASONING = ascii("reasoning");
    private static final byte[] PROMPT_TOKENS = ascii("prompt_tokens");
    private static final byte[] COMPLETION_TOKENS = ascii("completion_tokens");
    private static final byte[] COMPLETION_TOKENS_DETAILS = ascii("completion_tokens_details");
    private static final byte[] REASONING_TOKENS = ascii("reasoning_tokens");
    private static final byte[] PROMPT_TOKENS_DETAILS = ascii("prompt_tokens_details");
    private static final byte[] CACHED_TOKENS = ascii("cached_tokens");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private final byte[] b;
    private final ParsedChunk out;
    private int i;
    private int stringStart;
    private int stringEnd;

    private PlainChunkScanner(byte[] bytes, ParsedChunk out) {
        this.b = bytes;
        this.out = out;
    }

    /** Fills {@code out} and returns true, or returns false (with {@code out} in any state) to let Jackson decide. */
    static boolean scan(byte[] utf8, ParsedChunk out) {
        out.clear();
        try {
            new PlainChunkScanner(utf8, out).root();
            return true;
        } catch (GiveUp | ArrayIndexOutOfBoundsException e) {
            return false; // out of input mid-document is malformed: Jackson words the error
        }
    }

    private void root() {
        ws();
        expect('{');
        if (!endOfObject()) {
            do {
                name();
                if (nameIs(CHOICES) && peek() == '[') {
                    choices();
                } else if (nameIs(USAGE) && peek() == '{') {
                    usage();
                } else if (nameIs(ERROR)) {
                    throw GIVE_UP; // rare, and its message rules are Jackson's
                } else {
                    skipValue(1);
                }
            } while (nextMember('}'));
        }
        ws();
        if (i != b.length) {
            throw GIVE_UP; // trailing data
        }
    }

    private void choices() {
        i++; // [
        ws();
        if (peek() == ']') {
            i++;
            return;
        }
        do {
            ws();
            if (peek() != '{') {
                throw GIVE_UP; // ChunkParser stops at a non-object choice; leave that oddity to it
            }
            i++;
            if (!endOfObject()) {
                do {
                    name();
                    if ((nameIs(DELTA) || nameIs(MESSAGE)) && peek() == '{') {
                        message();
                    } else if (nameIs(TEXT) && peek() == '"') {
                        out.append(string(), true);
                    } else {
                        skipValue(3);
                    }
                } while (nextMember('}'));
            }
        } while (nextMember(']'));
    }

    private void message() {
        i++; // {
        if (endOfObject()) {
            return;
        }
        do {
            name();
            if (nameIs(CONTENT) && peek() == '"') {
                out.append(string(), true);
            } else if ((nameIs(REASONING_CONTENT) || nameIs(REASONING)) && peek() == '"') {
                out.append(string(), false);
            } else {
                skipValue(4);
            }
        } while (nextMember('}'));
    }

    private void usage() {
        i++; // {
        if (endOfObject()) {
            return;
        }
        do {
            name();
            if (nameIs(PROMPT_TOKENS) && isIntStart()) {
                out.promptTokens = smallInt();
            } else if (nameIs(COMPLETION_TOKENS) && isIntStart()) {
                out.completionTokens = smallInt();
            } else if ((nameIs(COMPLETION_TOKENS_DETAILS) || nameIs(PROMPT_TOKENS_DETAILS)) && peek() == '{') {
                details();
            } else {
                skipValue(2);
            }
        } while (nextMember('}'));
    }

    /** A usage details object: {@code reasoning_tokens} (completion's) and {@code cached_tokens} (prompt's). */
    private void details() {
        i++; // {
        if (endOfObject()) {
            return;
        }
        do {
            name();
            if (nameIs(REASONING_TOKENS) && isIntStart()) {
                out.reasoningTokens = smallInt();
            } else if (nameIs(CACHED_TOKENS) && isIntStart()) {
                out.cachedTokens = smallInt();
            } else {
                skipValue(3);
            }
        } while (nextMember('}'));
    }

    /** After '{': true (and past it) when the object is empty. */
    private boolean endOfObject() {
        ws();
        if (b[i] == '}') {
            i++;
            return true;
        }
        return false;
    }

    /** After a member or element: true after a comma, false after {@code close}; anything else gives up. */
    private boolean nextMember(char close) {
        ws();
        byte c = b[i++];
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw GIVE_UP;
    }

    /** A member name (marked, not copied) and its colon; the scanner then stands on the value. */
    private void name() {
        ws();
        if (b[i] != '"') {
            throw GIVE_UP;
        }
        plainString();
        ws();
        expect(':');
        ws();
    }

    /** True when the last marked name is {@code literal}. */
    private boolean nameIs(byte[] literal) {
        int n = stringEnd - stringStart;
        if (n != literal.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[stringStart + k] != literal[k]) {
                return false;
            }
        }
        return true;
    }

    private String string() {
        plainString();
        return new String(b, stringStart, stringEnd - stringStart, StandardCharsets.ISO_8859_1);
    }

    /** Scans a string of printable ASCII without escapes, marking its content; gives up on anything else. */
    private void plainString() {
        i++; // opening quote
        stringStart = i;
        while (true) {
            byte c = b[i];
            if (c == '"') {
                stringEnd = i++;
                return;
            }
            if (c < 0x20 || c == '\\') { // a control byte, an escape, or (negative) a non-ASCII byte
                throw GIVE_UP;
            }
            i++;
        }
    }

    private byte peek() {
        return b[i];
    }

    private boolean isIntStart() {
        byte c = b[i];
        return c == '-' || (c >= '0' && c <= '9');
    }

    /** A JSON integer of at most 9 digits (what Jackson reads as an int); anything else gives up. */
    private int smallInt() {
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        int start = i;
        int value = 0;
        while (b[i] >= '0' && b[i] <= '9') {
            value = value * 10 + (b[i++] - '0');
        }
        int digits = i - start;
        if (digits == 0 || digits > 9 || (digits > 1 && b[start] == '0') || b[i] == '.' || b[i] == 'e'
                || b[i] == 'E') {
            throw GIVE_UP;
        }
        return negative ? -value : value;
    }

    /** Skips any value; {@code depth} is the nesting it sits at. */
    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw GIVE_UP;
        }
        byte c = b[i];
        switch (c) {
            case '"' -> plainString();
            case '{' -> {
                i++;
                if (!endOfObject()) {
                    do {
                        name();
                        skipValue(depth + 1);
                    } while (nextMember('}'));
                }
            }
            case '[' -> {
                i++;
                ws();
                if (b[i] == ']') {
                    i++;
                    return;
                }
                do {
                    ws();
                    skipValue(depth + 1);
                } while (nextMember(']'));
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (b[i++] != word.charAt(k)) {
                throw GIVE_UP;
            }
        }
        if (isWordByte(b[i])) {
            throw GIVE_UP; // "nullx": malformed
        }
    }

    /** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? followed by a delimiter. */
    private void number() {
        if (b[i] == '-') {
            i++;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            digits();
        } else {
            throw GIVE_UP;
        }
        if (b[i] == '.') {
            i++;
            requireDigits();
        }
        if (b[i] == 'e' || b[i] == 'E') {
            i++;
            if (b[i] == '+' || b[i] == '-') {
                i++;
            }
            requireDigits();
        }
        if (isWordByte(b[i])) {
            throw GIVE_UP;
        }
    }

    private void requireDigits() {
        if (b[i] < '0' || b[i] > '9') {
            throw GIVE_UP;
        }
        digits();
    }

    private void digits() {
        while (b[i] >= '0' && b[i] <= '9') {
            i++;
        }
    }

    private static boolean isWordByte(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_'
                || c == '-' || c == '+' || c < 0;
    }

    private void expect(char c) {
        if (b[i++] != c) {
            throw GIVE_UP;
        }
    }

    private void ws() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
    }
}
