package dev.tokenperf.measure;

import dev.tokenperf.client.SseEvent;
import dev.tokenperf.reports.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestTraceNamedEventTest {

    private static String chunk(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}";
    }

    @Test
    void namedEventsOtherThanErrorAreNotCountedAsTokens() {
        AtomicReference<RequestRecord> done = new AtomicReference<>();
        RequestTrace trace = new RequestTrace(0, "r-0", false, true, 10, 3, 0, 3, (t, r, reuse) -> done.set(r));
        trace.started(100);
        trace.onResponse(200, "text/event-stream", true);
        trace.onEvent(new SseEvent("message", chunk(" a"), null, 200, 1));
        trace.onEvent(new SseEvent("message", chunk(" b"), null, 300, 2));
        // a named event whose data would parse as a content chunk: only its type keeps it out of the count
        trace.onEvent(new SseEvent("tokenperf-truth", chunk(" x"), null, 400, 3));
        trace.onEvent(new SseEvent("message", "[DONE]", null, 400, 3));
        trace.onEnd(500);

        RequestRecord record = done.get();
        assertNotNull(record);
        assertTrue(record.succeeded(), String.valueOf(record.error()));
        assertEquals(2, record.chunkCount());
        assertEquals(" a b", record.outputText());
    }

    @Test
    void anErrorEventStillFailsTheRequest() {
        AtomicReference<RequestRecord> done = new AtomicReference<>();
        RequestTrace trace = new RequestTrace(0, "r-0", false, true, 10, 3, 0, 3, (t, r, reuse) -> done.set(r));
        trace.started(100);
        trace.onResponse(200, "text/event-stream", true);
        trace.onEvent(new SseEvent("error", "{\"message\":\"overloaded\"}", null, 200, 1));

        assertEquals("server_error", done.get().error().kind().tag());
    }
}
