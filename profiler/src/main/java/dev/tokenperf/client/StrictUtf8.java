package dev.tokenperf.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a response's UTF-8 strictly: bytes that are not UTF-8 are a broken response, not text to patch with
 * U+FFFD, since replacement characters would be counted as generated text.
 */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /**
     * The text of bytes {@code [offset, offset+length)}.
     *
     * @throws IOException naming invalid UTF-8, when they are not
     */
    public static String decode(byte[] bytes, int offset, int length) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("invalid UTF-8", e);
        }
    }
}
