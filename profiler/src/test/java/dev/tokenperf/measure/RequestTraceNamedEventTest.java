package dev.tokenperf.measure;

import dev.tokenperf.client.SseEvent;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.testing.ScriptedTicker;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        ScriptedTicker ticker = new ScriptedTicker(100);
        RequestTrace trace = new RequestTrace(0, "r-0", false, true, 10, 3, 40, 3, ticker,
                (t, r, reuse) -> done.set(r));
        trace.started(ImmediateEventExecutor.INSTANCE);
        trace.onResponse(200, "text/event-stream", true, -1);
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
        assertArrayEquals(new long[] {160, 260}, record.chunkArrivalNanos(),
                "the two message events, at their arrival times less the origin (40); not the named one at 400");
        assertArrayEquals(new long[] {1, 2}, record.chunkReadIndexes());
        assertEquals(60, record.startNanos());
        assertEquals(460, record.endNanos());
        assertEquals(" a b", record.outputText());
    }

    @Test
    void anErrorEventStillFailsTheRequest() {
        AtomicReference<RequestRecord> done = new AtomicReference<>();
        ScriptedTicker ticker = new ScriptedTicker(100);
        RequestTrace trace = new RequestTrace(0, "r-0", false, true, 10, 3, 0, 3, ticker,
                (t, r, reuse) -> done.set(r));
        trace.started(ImmediateEventExecutor.INSTANCE);
        trace.onResponse(200, "text/event-stream", true, -1);
        ticker.set(200);
        trace.onEvent(new SseEvent("error", "{\"message\":\"overloaded\"}", null, 200, 1));

        assertEquals(ErrorKind.SERVER_ERROR, done.get().error().kind());
        assertEquals(200, done.get().endNanos(), "failed when the error event was seen");
    }
}
