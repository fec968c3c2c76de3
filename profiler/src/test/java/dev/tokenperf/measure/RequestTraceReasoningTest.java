package dev.tokenperf.measure;

import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.tokenperf.measure.ScriptedConnection.END;
import static dev.tokenperf.measure.ScriptedConnection.SSE_HEAD;
import static dev.tokenperf.measure.ScriptedConnection.content;
import static dev.tokenperf.measure.ScriptedConnection.done;
import static dev.tokenperf.measure.ScriptedConnection.event;
import static dev.tokenperf.measure.ScriptedConnection.finish;
import static dev.tokenperf.measure.ScriptedConnection.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reasoning model's stream on the client's decoding pipeline at scripted times: reasoning deltas (in either
 * field name) before the answer, so TTFO, the reasoning and answer token counts and ITL over every generated
 * token come out exact. Times are milliseconds after the run's origin.
 */
class RequestTraceReasoningTest {
    private static final int REASONING = 50;
    private static final int ANSWER = 20;
    private static final double TTFT_MS = 10;
    private static final double ITL_MS = 2;

    private static List<Long> values(MetricDefinition metric, RequestRecord record) {
        List<Long> out = new ArrayList<>();
        metric.emit(record, out::add);
        return out;
    }

    private static String reasoning(String field, String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"" + field + "\":\"" + text + "\"},\"finish_reason\":null}]}";
    }

    private static String usage(int completionTokens, int reasoningTokens) {
        return "{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":" + completionTokens
                + ",\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoningTokens + "}}}";
    }

    /**
     * Sends at 1 ms a stream whose token j arrives at 1 + TTFT + j * ITL: {@link #REASONING} reasoning tokens in
     * {@code field}, then {@link #ANSWER} answer tokens, then (when {@code withUsage}) the server's usage.
     */
    private static RequestRecord stream(String field, boolean withUsage) {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        for (int j = 0; j < REASONING + ANSWER; j++) {
            String json = j < REASONING ? reasoning(field, " r") : content(" a");
            c.read(1 + TTFT_MS + j * ITL_MS, event(json));
        }
        double last = 1 + TTFT_MS + (REASONING + ANSWER - 1) * ITL_MS;
        String tail = event(finish()) + (withUsage ? event(usage(REASONING + ANSWER, REASONING)) : "") + done() + END;
        c.read(last, tail);
        RequestRecord r = c.record();
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        return r;
    }

    private static void assertReasoningMetrics(RequestRecord r) {
        long ttft = values(MetricRegistry.TIME_TO_FIRST_TOKEN, r).get(0);
        long ttfo = values(MetricRegistry.TIME_TO_FIRST_OUTPUT_TOKEN, r).get(0);
        assertEquals(nanos(TTFT_MS), ttft, "TTFT is the first reasoning token");
        assertEquals(REASONING * nanos(ITL_MS), ttfo - ttft, "TTFO - TTFT = reasoning tokens x ITL");
        assertEquals(List.of(nanos(ITL_MS)), values(MetricRegistry.INTER_TOKEN_LATENCY, r),
                "ITL over every generated token, reasoning included");
        assertEquals(List.of((long) REASONING + ANSWER), values(MetricRegistry.OUTPUT_SEQUENCE_LENGTH, r), "OSL");
        assertEquals(List.of((long) REASONING), values(MetricRegistry.REASONING_TOKEN_COUNT, r), "reasoning");
        assertEquals(List.of((long) ANSWER), values(MetricRegistry.OUTPUT_TOKEN_COUNT, r), "answer tokens");
    }

    @Test
    void reasoningContentWithTheServersUsage() {
        RequestRecord r = stream("reasoning_content", true);
        assertEquals(REASONING, r.reasoningChunks());
        assertEquals(REASONING, r.serverReasoningTokens(), "usage.completion_tokens_details.reasoning_tokens");
        assertReasoningMetrics(r);
    }

    @Test
    void reasoningFieldWithoutUsageCountsChunks() {
        RequestRecord r = stream("reasoning", false);
        assertEquals(-1, r.serverReasoningTokens());
        assertEquals(REASONING, r.reasoningChunks());
        assertReasoningMetrics(r);
    }

    @Test
    void aStreamWithoutReasoningHasNoReasoningMetrics() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(true), 1);
        c.read(2, SSE_HEAD);
        c.read(11, event(content(" a")));
        c.read(13, event(content(" b")) + event(finish()) + done() + END);
        RequestRecord r = c.record();
        assertEquals(0, r.reasoningChunks());
        assertEquals(List.of(), values(MetricRegistry.TIME_TO_FIRST_OUTPUT_TOKEN, r), "TTFO would equal TTFT");
        assertEquals(List.of(), values(MetricRegistry.REASONING_TOKEN_COUNT, r));
        assertEquals(List.of(), values(MetricRegistry.OUTPUT_TOKEN_COUNT, r));
    }
}
