package dev.tokenperf.measure;

import dev.tokenperf.client.Api;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.tokenperf.measure.ScriptedConnection.END;
import static dev.tokenperf.measure.ScriptedConnection.SSE_HEAD;
import static dev.tokenperf.measure.ScriptedConnection.httpChunk;
import static dev.tokenperf.measure.ScriptedConnection.nanos;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Responses, Messages and embeddings APIs measured on the client's own decoding pipeline with scripted read
 * times: named events are read by their names, lifecycle events are no tokens, an event split across reads arrives
 * with the read that completes it, and any line ending (LF, CR, CRLF) frames events. Times are milliseconds after
 * the run's origin.
 */
class NamedEventApisTimingTest {
    private static final String JSON_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private static List<Long> values(MetricDefinition metric, RequestRecord record) {
        List<Long> out = new ArrayList<>();
        metric.emit(record, out::add);
        return out;
    }

    private static long[] millis(double... values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = nanos(values[i]);
        }
        return out;
    }

    /** One named SSE event with {@code eol} ending each line. */
    private static String named(String name, String json, String eol) {
        return "event: " + name + eol + "data: " + json + eol + eol;
    }

    private static String responsesDelta(String type, String delta, String eol) {
        return named(type, "{\"type\":\"" + type + "\",\"item_id\":\"msg_1\",\"output_index\":0,"
                + "\"content_index\":0,\"delta\":\"" + delta + "\"}", eol);
    }

    private static String messagesDelta(String kind, String field, String text, String eol) {
        return named("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\""
                + kind + "\",\"" + field + "\":\"" + text + "\"}}", eol);
    }

    @Test
    void responsesStreamCountsTextAndReasoningDeltasAtTheReadThatCompletesThem() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(Api.of(EndpointType.RESPONSES), true), 1);
        c.read(2, SSE_HEAD);
        c.read(3, httpChunk(named("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"r\","
                + "\"output\":[],\"usage\":null}}", "\r\n")));
        c.read(11, httpChunk(responsesDelta("response.reasoning_text.delta", " think", "\r\n")));
        String split = responsesDelta("response.output_text.delta", " a", "\r\n");
        int cut = split.indexOf("\r\n") + 1; // between the event line's CR and LF
        c.read(15, httpChunk(split.substring(0, cut)));
        c.read(17, httpChunk(split.substring(cut)));
        c.read(20, httpChunk(responsesDelta("response.output_text.delta", " b", "\r\n")));
        c.read(21, httpChunk(named("response.output_text.done", "{\"type\":\"response.output_text.done\","
                + "\"text\":\" a b\"}", "\r\n")));
        c.read(24, httpChunk(named("response.completed", "{\"type\":\"response.completed\",\"response\":{"
                + "\"id\":\"r\",\"error\":null,\"output\":[{\"type\":\"message\",\"content\":[{\"type\":"
                + "\"output_text\",\"text\":\" a b\"}]}],\"usage\":{\"input_tokens\":9,\"output_tokens\":3,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":1}}}}", "\r\n")) + END);

        RequestRecord r = c.record();
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        assertArrayEquals(millis(11, 17, 20), r.chunkArrivalNanos(), "the split delta arrives with its end, at 17");
        assertEquals(" think a b", r.outputText(), "the completed event's repeat of the text is not counted again");
        assertEquals(1, r.reasoningChunks());
        assertEquals(9, r.inputTokens());
        assertEquals(3, r.outputTokens());
        assertEquals(1, r.reasoningTokens());
        assertEquals(List.of(nanos(10)), values(MetricRegistry.TIME_TO_FIRST_TOKEN, r));
        assertEquals(List.of(nanos(16)), values(MetricRegistry.TIME_TO_FIRST_OUTPUT_TOKEN, r));
        // ITL = (latency 23 - TTFT 10) / (3 tokens - 1)
        assertEquals(List.of(nanos(6.5)), values(MetricRegistry.INTER_TOKEN_LATENCY, r));
    }

    @Test
    void responsesEventsWithoutNamesAreReadByTheirType() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(Api.of(EndpointType.RESPONSES), true), 1);
        c.read(2, SSE_HEAD);
        c.read(6, httpChunk("data: {\"type\":\"response.in_progress\",\"response\":{}}\n\n"));
        c.read(8, httpChunk("data: {\"delta\":\" a\",\"type\":\"response.output_text.delta\"}\n\n"));
        c.read(9, httpChunk("data: {\"type\":\"response.output_text.delta\",\"delta\":\" b\"}\n\n"));
        c.read(12, httpChunk("data: {\"type\":\"response.completed\",\"response\":{\"usage\":"
                + "{\"input_tokens\":4,\"output_tokens\":2}}}\n\n") + END);

        RequestRecord r = c.record();
        assertArrayEquals(millis(8, 9), r.chunkArrivalNanos());
        assertEquals(" a b", r.outputText());
        assertEquals(4, r.inputTokens());
        assertEquals(2, r.outputTokens());
    }

    @Test
    void responsesFailedEventFailsTheRequest() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(Api.of(EndpointType.RESPONSES), true), 1);
        c.read(2, SSE_HEAD);
        c.read(5, httpChunk(named("response.failed", "{\"type\":\"response.failed\",\"response\":{\"error\":"
                + "{\"code\":\"server_error\",\"message\":\"out of memory\"}}}", "\n")) + END);

        RequestRecord r = c.record();
        assertEquals(ErrorKind.SERVER_ERROR, r.error().kind());
        assertTrue(r.error().message().contains("out of memory"), r.error().message());
    }

    @Test
    void messagesStreamWithCrLineEndsTakesInputFromStartOutputFromDeltaAndSkipsPings() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(Api.of(EndpointType.MESSAGES), true), 1);
        c.read(2, SSE_HEAD);
        c.read(4, httpChunk(named("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":12,"
                + "\"output_tokens\":1}}}", "\r")
                + named("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}", "\r")));
        c.read(5, httpChunk(named("ping", "{\"type\":\"ping\"}", "\r")));
        c.read(9, httpChunk(messagesDelta("thinking_delta", "thinking", " hmm", "\r")));
        String split = messagesDelta("text_delta", "text", " a", "\r");
        int cut = split.length() - 1; // the blank line's CR arrives alone
        c.read(13, httpChunk(split.substring(0, cut)));
        c.read(14, httpChunk(split.substring(cut)));
        c.read(19, httpChunk(messagesDelta("text_delta", "text", " b c", "\r")));
        c.read(21, httpChunk(named("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}", "\r")
                + named("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":4}}", "\r")
                + named("message_stop", "{\"type\":\"message_stop\"}", "\r")) + END);

        RequestRecord r = c.record();
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        assertArrayEquals(millis(9, 14, 19), r.chunkArrivalNanos(), "the split delta is dispatched by the CR at 14");
        assertEquals(" hmm a b c", r.outputText());
        assertEquals(1, r.reasoningChunks());
        assertEquals(12, r.inputTokens(), "from message_start");
        assertEquals(4, r.outputTokens(), "from message_delta, not message_start's running count");
        assertEquals(List.of(nanos(8)), values(MetricRegistry.TIME_TO_FIRST_TOKEN, r));
        // ITL = (latency 20 - TTFT 8) / (4 tokens - 1)
        assertEquals(List.of(nanos(4)), values(MetricRegistry.INTER_TOKEN_LATENCY, r));
    }

    @Test
    void messagesPromptIsItsUncachedCachedAndCacheWrittenTokens() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(Api.of(EndpointType.MESSAGES), true), 1);
        c.read(2, SSE_HEAD);
        c.read(4, httpChunk(named("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                + "\"content\":[],\"usage\":{\"input_tokens\":7,\"cache_read_input_tokens\":300,"
                + "\"cache_creation_input_tokens\":20,\"output_tokens\":1,"
                + "\"server_tool_use\":{\"web_search_requests\":0}}}}", "\n")));
        c.read(6, httpChunk(messagesDelta("text_delta", "text", " a", "\n")));
        c.read(8, httpChunk(named("message_delta", "{\"type\":\"message_delta\",\"delta\":{},"
                + "\"usage\":{\"output_tokens\":1}}", "\n")
                + named("message_stop", "{\"type\":\"message_stop\"}", "\n")) + END);

        RequestRecord r = c.record();
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        assertEquals(327, r.inputTokens(), "7 after the cache breakpoint + 300 read from the cache + 20 written");
        assertEquals(300, r.serverCachedTokens());
        assertEquals(1, r.outputTokens());
    }

    @Test
    void messagesErrorEventFailsTheRequest() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(Api.of(EndpointType.MESSAGES), true), 1);
        c.read(2, SSE_HEAD);
        c.read(6, httpChunk(named("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}", "\n")) + END);

        RequestRecord r = c.record();
        assertEquals(ErrorKind.SERVER_ERROR, r.error().kind());
        assertTrue(r.error().message().contains("Overloaded"), r.error().message());
    }

    @Test
    void wholeResponsesAndMessagesBodiesCarryTheirTextAndUsage() {
        ScriptedConnection responses = new ScriptedConnection();
        responses.send(responses.trace(Api.of(EndpointType.RESPONSES), false), 1);
        responses.read(30, JSON_HEAD + httpChunk("{\"id\":\"r\",\"object\":\"response\",\"error\":null,\"output\":["
                + "{\"type\":\"reasoning\",\"content\":[{\"type\":\"reasoning_text\",\"text\":\" hmm\"}]},"
                + "{\"type\":\"message\",\"content\":[{\"text\":\" a b\",\"type\":\"output_text\"}]}],"
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}") + END);
        ScriptedConnection messages = new ScriptedConnection();
        messages.send(messages.trace(Api.of(EndpointType.MESSAGES), false), 1);
        messages.read(40, JSON_HEAD + httpChunk("{\"id\":\"m\",\"type\":\"message\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\" hmm\"},{\"type\":\"text\",\"text\":\" a b\"}],"
                + "\"usage\":{\"input_tokens\":6,\"output_tokens\":3}}") + END);

        RequestRecord r = responses.record();
        assertEquals(" hmm a b", r.outputText());
        assertEquals(5, r.inputTokens());
        assertEquals(3, r.outputTokens());
        assertEquals(nanos(29), r.latencyNanos());
        RequestRecord m = messages.record();
        assertEquals(" hmm a b", m.outputText());
        assertEquals(6, m.inputTokens());
        assertEquals(3, m.outputTokens());
        assertEquals(nanos(39), m.latencyNanos());
    }

    @Test
    void anEmbeddingIsALatencyAndInputTokensWithoutAnyTokenTiming() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(Api.of(EndpointType.EMBEDDINGS), false), 1);
        String body = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,1]},"
                + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[1,0.5]}],\"model\":\"e\","
                + "\"usage\":{\"prompt_tokens\":21,\"total_tokens\":21}}";
        c.read(26, JSON_HEAD + httpChunk(body.substring(0, 40)));
        c.read(27, httpChunk(body.substring(40)) + END);

        RequestRecord r = c.record();
        assertTrue(r.succeeded(), String.valueOf(r.error()));
        assertEquals(nanos(26), r.latencyNanos(), "to the read that ended the body");
        assertEquals(List.of(nanos(26)), values(MetricRegistry.REQUEST_LATENCY, r));
        assertEquals(List.of(21L), values(MetricRegistry.INPUT_SEQUENCE_LENGTH, r));
        assertEquals(List.of(), values(MetricRegistry.TIME_TO_FIRST_TOKEN, r));
        assertEquals(List.of(), values(MetricRegistry.INTER_TOKEN_LATENCY, r));
        assertEquals(List.of(), values(MetricRegistry.OUTPUT_SEQUENCE_LENGTH, r), "nothing generated, no row");
    }

    @Test
    void anEmbeddingsBodyWithoutDataIsMalformed() {
        ScriptedConnection c = new ScriptedConnection();
        c.send(c.trace(Api.of(EndpointType.EMBEDDINGS), false), 1);
        c.read(5, JSON_HEAD + httpChunk("{\"object\":\"list\",\"usage\":{\"prompt_tokens\":3}}") + END);

        assertEquals(ErrorKind.MALFORMED_RESPONSE, c.record().error().kind());
    }
}
