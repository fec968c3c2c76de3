package dev.tokenperf.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class EventNamesTest {

    private static String resolve(EventNames names, String name) {
        byte[] bytes = (name + "-trailing bytes are not part of it").getBytes(StandardCharsets.UTF_8);
        return names.of(bytes, name.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aRecurringNameIsTheSameStringEveryTime() {
        EventNames names = new EventNames();

        String first = resolve(names, "content_block_delta");
        String again = resolve(names, "content_block_delta");
        String other = resolve(names, "content_block_stop");

        assertEquals("content_block_delta", first);
        assertSame(first, again);
        assertEquals("content_block_stop", other);
    }

    @Test
    void manyNamesStayCorrectOnceTheTableIsFull() {
        EventNames names = new EventNames();
        String kept = resolve(names, "e0");
        for (int i = 1; i < 40; i++) {
            assertEquals("e" + i, resolve(names, "e" + i));
        }

        String e0 = resolve(names, "e0");

        assertEquals("e0", e0);
        assertNotSame(kept, e0, "its slot was reused, so it is made again");
        assertEquals("é", resolve(names, "é"), "UTF-8 names decode");
    }
}
