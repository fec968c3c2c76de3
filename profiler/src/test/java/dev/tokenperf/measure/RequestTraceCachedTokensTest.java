package dev.tokenperf.measure;

import dev.tokenperf.reports.record.RequestRecord;
import org.junit.jupiter.api.Test;

import static dev.tokenperf.measure.ScriptedConnection.END;
import static dev.tokenperf.measure.ScriptedConnection.SSE_HEAD;
import static dev.tokenperf.measure.ScriptedConnection.content;
import static dev.tokenperf.measure.ScriptedConnection.done;
import static dev.tokenperf.measure.ScriptedConnection.event;
import static dev.tokenperf.measure.ScriptedConnection.finish;
import static dev.tokenperf.measure.ScriptedConnection.usageOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's {@code usage.prompt_tokens_details.cached_tokens} on the client's decoding pipeline: a streamed
 * usage chunk and a whole body both land in the record, and a response without it records -1 (not reported).
 */
class RequestTraceCachedTokensTest {

    private static String usageWithCache(int promptTokens, int cachedTokens) {
        return "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":2,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}}}";
    }

    private static RequestRecord stream(String usage) {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        c.read(3, event(content(" a")) + event(content(" b")));
        c.read(4, event(finish()) + event(usage) + done() + END);
        RequestRecord r = c.record();
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        return r;
    }

    @Test
    void aStreamedUsageChunkCarriesTheCachedTokens() {
        RequestRecord r = stream(usageWithCache(48, 32));
        assertEquals(32, r.serverCachedTokens());
        assertEquals(48, r.inputTokens());
        assertTrue(r.reportedCachedTokens());
        assertEquals(2, r.chunkCount(), "the usage chunk is no token");
    }

    @Test
    void withoutPromptDetailsTheCountIsNotReported() {
        RequestRecord r = stream(usageOnly(48, 2));
        assertEquals(-1, r.serverCachedTokens());
        assertFalse(r.reportedCachedTokens());
    }

    @Test
    void aWholeBodyCarriesTheCachedTokens() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(false), 1);
        String body = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"a b\"}}],"
                + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":2,\"prompt_tokens_details\":"
                + "{\"cached_tokens\":16}}}";
        c.read(5, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);
        RequestRecord r = c.record();
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        assertEquals(16, r.serverCachedTokens());
    }
}
