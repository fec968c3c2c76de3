package dev.tokenperf.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

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

    private static String event(ResponseWriter writer, int from, int to) {
        ByteBuf buf = writer.contentEvent(UnpooledByteBufAllocator.DEFAULT, from, to);
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }
}
