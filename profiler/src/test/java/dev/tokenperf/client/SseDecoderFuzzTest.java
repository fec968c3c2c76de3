package dev.tokenperf.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Seeded random event streams (random fields, text of 1- to 4-byte UTF-8 characters, random line endings, comments)
 * decode to the events they were built from, however the bytes are split into reads. The seed of a failing case
 * is in its message, so it can be replayed.
 */
class SseDecoderFuzzTest {
    private static final String[] LINE_ENDS = {"\n", "\r", "\r\n"};
    private static final String ALPHABET = "ab {}\":,\u00e9\u65e5\ud83d\ude42[]DONE";

    record Ev(String type, String data, String id) {
    }

    @Test
    void randomStreamsSplitAnywhereDecodeToTheEventsTheyWereBuiltFrom() {
        for (long seed = 1; seed <= 300; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Ev> expected = new ArrayList<>();
            byte[] stream = randomStream(random, expected);
            assertEquals(expected, decode(stream, random), "seed " + seed);
        }
    }

    /** A stream of random events; {@code expected} receives what each one must decode to. */
    private static byte[] randomStream(SplittableRandom random, List<Ev> expected) {
        StringBuilder s = new StringBuilder();
        String id = null;
        int events = 1 + random.nextInt(8);
        for (int e = 0; e < events; e++) {
            String end = LINE_ENDS[random.nextInt(LINE_ENDS.length)];
            if (random.nextInt(4) == 0) {
                s.append(": comment ").append(text(random)).append(end);
            }
            String type = "message";
            if (random.nextInt(3) == 0) {
                type = "ev" + random.nextInt(10);
                s.append("event: ").append(type).append(end);
            }
            if (random.nextInt(3) == 0) {
                id = String.valueOf(random.nextInt(1000));
                s.append("id: ").append(id).append(end);
            }
            List<String> lines = new ArrayList<>();
            int dataLines = 1 + random.nextInt(3);
            for (int l = 0; l < dataLines; l++) {
                String line = text(random);
                lines.add(line);
                // "data:" with or without the one space the parser strips
                s.append(random.nextBoolean() ? "data: " : "data:").append(line).append(end);
            }
            s.append(end);
            expected.add(new Ev(type, String.join("\n", lines), id));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(SplittableRandom random) {
        StringBuilder t = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            int at = random.nextInt(ALPHABET.length());
            if (Character.isSurrogate(ALPHABET.charAt(at))) {
                at = ALPHABET.indexOf('\ud83d');
                t.append(ALPHABET, at, at + 2);
            } else {
                t.append(ALPHABET.charAt(at));
            }
        }
        // a leading space would be the one the parser strips after "data:"; keep the test's meaning exact
        return t.length() > 0 && t.charAt(0) == ' ' ? "x" + t : t.toString();
    }

    /** Feeds the bytes in random reads (1 byte to all of them) and collects the events. */
    private static List<Ev> decode(byte[] bytes, SplittableRandom random) {
        EmbeddedChannel ch = new EmbeddedChannel(new SseDecoder(new ReadClock()));
        List<Ev> events = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int n = 1 + random.nextInt(Math.min(bytes.length - at, random.nextBoolean() ? 4 : 64));
            ch.writeInbound(Unpooled.copiedBuffer(bytes, at, n));
            at += n;
            SseEvent e;
            while ((e = ch.readInbound()) != null) {
                events.add(new Ev(e.type(), e.data(), e.id()));
            }
        }
        assertFalse(ch.finish());
        return events;
    }
}
