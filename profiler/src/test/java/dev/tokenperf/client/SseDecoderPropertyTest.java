package dev.tokenperf.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Random valid event streams (named events, ids, comments, multi-line data of 1- to 4-byte UTF-8 characters, every
 * line ending LF, CR or CRLF) decode to the events they were built from, and identically whether the bytes arrive
 * whole or split at random points (inside a CRLF pair or a character too). jqwik shrinks a failing case and prints
 * its seed.
 */
class SseDecoderPropertyTest {
    private static final List<String> LINE_ENDS = List.of("\n", "\r", "\r\n");

    /** One event as written: its lines' endings are drawn per event. */
    record Spec(String type, String id, List<String> data, boolean comment, boolean space, String end) {
    }

    /** What an event decodes to. */
    record Ev(String type, String data, String id) {
    }

    @Property(tries = 200)
    void randomStreamsDecodeTheSameWholeOrSplitAnywhere(@ForAll("streams") List<Spec> specs,
            @ForAll @Size(max = 24) List<@IntRange(min = 1, max = 100_000) Integer> cuts) {
        List<Ev> expected = new ArrayList<>();
        byte[] stream = write(specs, expected);
        TreeSet<Integer> at = new TreeSet<>();
        cuts.forEach(c -> at.add(c % (stream.length + 1)));
        assertEquals(expected, decode(stream, List.of()));
        assertEquals(expected, decode(stream, new ArrayList<>(at)));
    }

    @Provide
    Arbitrary<List<Spec>> streams() {
        Arbitrary<String> text = Arbitraries.of("a", "b", " ", "{", "}", "\"", ":", ",", "\u00e9", "\u65e5",
                "\ud83d\ude42", "[", "DONE").list().ofMaxSize(12).map(parts -> String.join("", parts))
                // a leading space would be the one the parser strips after "data:"
                .map(t -> t.startsWith(" ") ? "x" + t : t);
        Arbitrary<String> type = Arbitraries.of("message", "ev1", "delta", "error");
        Arbitrary<String> id = Arbitraries.integers().between(0, 999).map(String::valueOf).injectNull(0.6);
        Arbitrary<Spec> spec = Combinators.combine(type, id, text.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(LINE_ENDS)).as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(8);
    }

    /** The stream's bytes; {@code expected} receives what each event must decode to. */
    private static byte[] write(List<Spec> specs, List<Ev> expected) {
        StringBuilder s = new StringBuilder();
        String lastId = null;
        for (Spec e : specs) {
            if (e.comment()) {
                s.append(": comment").append(e.end());
            }
            if (!e.type().equals("message")) {
                s.append("event: ").append(e.type()).append(e.end());
            }
            if (e.id() != null) {
                lastId = e.id();
                s.append("id: ").append(e.id()).append(e.end());
            }
            for (String line : e.data()) {
                s.append(e.space() ? "data: " : "data:").append(line).append(e.end());
            }
            s.append(e.end());
            expected.add(new Ev(e.type(), String.join("\n", e.data()), lastId));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds the bytes in reads ending at {@code cuts} (ascending) and collects the events. */
    private static List<Ev> decode(byte[] bytes, List<Integer> cuts) {
        EmbeddedChannel ch = new EmbeddedChannel(new SseDecoder(new ReadClock()));
        List<Ev> events = new ArrayList<>();
        int from = 0;
        List<Integer> ends = new ArrayList<>(cuts);
        ends.add(bytes.length);
        for (int end : ends) {
            if (end > from) {
                ch.writeInbound(Unpooled.copiedBuffer(bytes, from, end - from));
                from = end;
            }
            SseEvent e;
            while ((e = ch.readInbound()) != null) {
                events.add(new Ev(e.type(), e.data(), e.id()));
            }
        }
        assertFalse(ch.finish());
        return events;
    }
}
