package dev.tokenperf.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseWriterTest {

    @Test
    void chatContentChunksCarryTheirWordsInOpenAisFormat() {
        ResponseWriter writer = new ResponseWriter(true, "m\"x", 3, 30);

        String first = event(writer, 0, 1);
        String pair = event(writer, 20, 22); // words wrap around the list

        assertTrue(Pattern.matches("data: \\{\"id\":\"chatcmpl-emu-\\d+\",\"object\":\"chat.completion.chunk\","
                + "\"created\":\\d+,\"model\":\"m\\\\\"x\",\"choices\":\\[\\{\"index\":0,\"delta\":\\{\"content\":"
                + "\" the\"},\"finish_reason\":null}]}\n\n", first), first);
        assertTrue(pair.endsWith(",\"delta\":{\"content\":\" the of\"},\"finish_reason\":null}]}\n\n"), pair);
    }

    @Test
    void completionContentChunksCarryText() {
        ResponseWriter writer = new ResponseWriter(false, "m", 3, 30);

        String chunk = event(writer, 2, 3);

        assertTrue(Pattern.matches("data: \\{\"id\":\"cmpl-emu-\\d+\",\"object\":\"text_completion\","
                + "\"created\":\\d+,\"model\":\"m\",\"choices\":\\[\\{\"index\":0,\"text\":\" and\","
                + "\"finish_reason\":null}]}\n\n", chunk), chunk);
    }

    @Test
    void eachChunkIsFramedAsOneHttpChunk() {
        ResponseWriter writer = new ResponseWriter(true, "m", 3, 30);
        ByteBuf buf = writer.contentChunk(UnpooledByteBufAllocator.DEFAULT, 0, 1);
        try {
            String framed = buf.toString(StandardCharsets.UTF_8);
            int crlf = framed.indexOf("\r\n");
            String event = framed.substring(crlf + 2, framed.length() - 2);
            assertEquals(event.getBytes(StandardCharsets.UTF_8).length, Integer.parseInt(framed.substring(0, crlf), 16));
            assertTrue(framed.endsWith("\n\n\r\n"), framed);
        } finally {
            buf.release();
        }
    }

    /** The SSE event inside one framed chunk. */
    private static String event(ResponseWriter writer, int from, int to) {
        ByteBuf buf = writer.contentChunk(UnpooledByteBufAllocator.DEFAULT, from, to);
        try {
            String framed = buf.toString(StandardCharsets.UTF_8);
            return framed.substring(framed.indexOf("\r\n") + 2, framed.length() - 2);
        } finally {
            buf.release();
        }
    }
}
