package dev.tokenperf.measure;

import dev.tokenperf.reports.record.RequestRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tokenperf.measure.ScriptedConnection.SSE_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Random bytes where a streamed body should be, through the client's whole decoding pipeline: nothing is thrown out
 * of a handler, the request ends failed, once, and its connection is not kept. Framed as HTTP chunks the SSE parser
 * sees the bytes, raw the HTTP decoder does. jqwik shrinks a failing case and prints its seed.
 */
class RandomBytesPropertyTest {

    @Property(tries = 200)
    void randomBytesFailTheRequestAndTheConnectionWithoutThrowing(
            @ForAll @Size(min = 1, max = 6) List<@Size(min = 1, max = 200) byte[]> reads, @ForAll boolean framed) {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        for (int i = 0; i < reads.size() && c.records.isEmpty(); i++) {
            byte[] junk = reads.get(i);
            c.readBytes(3 + i, framed ? chunk(junk) : junk);
        }
        if (c.records.isEmpty()) {
            c.channel.close(); // the server hangs up: the stream never ended properly
        }
        c.channel.checkException(); // throws what a handler let escape
        RequestRecord r = c.record();
        assertNotNull(r.error(), "random bytes are not a completion");
        assertEquals(Boolean.FALSE, c.reuse.get(0), "a broken connection is not kept");
        c.channel.finishAndReleaseAll();
    }

    private static byte[] chunk(byte[] data) {
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, 0, out, head.length, data.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }
}
