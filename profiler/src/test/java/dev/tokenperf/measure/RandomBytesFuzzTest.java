package dev.tokenperf.measure;

import dev.tokenperf.reports.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static dev.tokenperf.measure.ScriptedConnection.SSE_HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Seeded random bytes where a streamed body should be, through the client's whole decoding pipeline: nothing is
 * thrown out of a handler, the request ends failed, once, and its connection is not kept. Half the cases frame the
 * bytes as HTTP chunks (so the SSE parser sees them), half send them raw (so the HTTP decoder does).
 */
class RandomBytesFuzzTest {

    @Test
    void randomBytesFailTheRequestAndTheConnectionWithoutThrowing() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ScriptedConnection c = new ScriptedConnection();
            c.send(c.trace(true), 1);
            c.read(2, SSE_HEAD);
            boolean framed = random.nextBoolean();
            int reads = 1 + random.nextInt(6);
            for (int i = 0; i < reads && c.records.isEmpty(); i++) {
                byte[] junk = new byte[1 + random.nextInt(200)];
                random.nextBytes(junk);
                byte[] bytes = framed ? chunk(junk) : junk;
                c.readBytes(3 + i, bytes);
            }
            if (c.records.isEmpty()) {
                c.channel.close(); // the server hangs up: the stream never ended properly
            }
            c.channel.checkException(); // throws what a handler let escape
            RequestRecord r = c.record();
            assertNotNull(r.error(), "seed " + seed + ": random bytes are not a completion");
            assertEquals(Boolean.FALSE, c.reuse.get(0), "seed " + seed + ": a broken connection is not kept");
            c.channel.finishAndReleaseAll();
        }
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
