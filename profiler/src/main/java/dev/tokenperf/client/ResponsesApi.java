package dev.tokenperf.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.workloads.prompt.ChatMessage;

import java.io.IOException;
import java.util.List;

/**
 * OpenAI's Responses API ({@code POST /v1/responses}): {@code input} messages (system ones as
 * {@code instructions}), {@code max_output_tokens}. A stream is named events: text in
 * {@code response.output_text.delta}, reasoning in {@code response.reasoning_text.delta} and
 * {@code response.reasoning_summary_text.delta}, usage ({@code input_tokens}, {@code output_tokens}) in
 * {@code response.completed}. The other lifecycle events are skipped by name, unparsed. An event without a name
 * is read by its data's {@code type}, which carries the same name.
 */
final class ResponsesApi extends NamedEventApi {
    static final ResponsesApi INSTANCE = new ResponsesApi();

    private static final String TEXT_DELTA = "response.output_text.delta";
    private static final String REASONING_DELTA = "response.reasoning_text.delta";
    private static final String SUMMARY_DELTA = "response.reasoning_summary_text.delta";
    private static final String COMPLETED = "response.completed";
    private static final String INCOMPLETE = "response.incomplete";
    private static final String FAILED = "response.failed";

    private ResponsesApi() {
    }

    @Override
    public EndpointType type() {
        return EndpointType.RESPONSES;
    }


    @Override
    public void fillBody(ObjectNode body, List<ChatMessage> messages, List<String> texts, int maxTokens,
                         boolean streaming) {
        String instructions = addTurns(body.putArray("input"), messages);
        if (!instructions.isEmpty()) {
            body.put("instructions", instructions);
        }
        if (maxTokens >= 0) {
            body.put("max_output_tokens", maxTokens);
        }
        body.put("stream", streaming);
    }

    @Override
    boolean readField(String field, JsonToken value, JsonParser p, ParsedChunk out) throws IOException {
        if ("delta".equals(field) && value == JsonToken.VALUE_STRING) {
            out.pending = p.getText(); // text or reasoning: the event's type says, which may come later
            return true;
        }
        if ("response".equals(field) && value == JsonToken.START_OBJECT) {
            readResponse(p, out, false);
            return true;
        }
        return false;
    }

    @Override
    void finish(String type, ParsedChunk out) {
        if (out.pending != null) {
            switch (type) {
                case TEXT_DELTA -> out.append(out.pending, true);
                case REASONING_DELTA, SUMMARY_DELTA -> out.append(out.pending, false);
                default -> {
                    // a delta of another kind (e.g. function-call arguments) is not generated text
                }
            }
        }
        if (FAILED.equals(type) && out.errorMessage == null) {
            out.errorMessage = "response.failed without an error message";
        }
    }

    @Override
    boolean carriesData(String type) {
        return switch (type) {
            case TEXT_DELTA, REASONING_DELTA, SUMMARY_DELTA, COMPLETED, INCOMPLETE, FAILED -> true;
            default -> false;
        };
    }

    @Override
    public void readBody(String json, ParsedChunk out) throws IOException {
        out.clear();
        try (JsonParser p = ApiJson.object(json)) {
            readResponse(p, out, true);
            ApiJson.end(p);
        }
    }

    /**
     * Reads a response object (the parser inside it): usage, error, and with {@code withOutput} the texts of its
     * output items (a streamed {@code response.completed} repeats them, already counted from the deltas).
     */
    private static void readResponse(JsonParser p, ParsedChunk out, boolean withOutput) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                ApiJson.usage(p, out, "input_tokens", "output_tokens");
            } else if ("error".equals(field)) {
                out.errorMessage = ApiJson.error(p, value);
            } else if (withOutput && "output".equals(field) && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    readItem(p, out);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** One output item: its {@code content} and {@code summary} parts' texts. */
    private static void readItem(JsonParser p, ParsedChunk out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (("content".equals(field) || "summary".equals(field)) && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    readPart(p, out);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** One content part: {@code output_text} is answer, {@code reasoning_text} and {@code summary_text} reasoning. */
    private static void readPart(JsonParser p, ParsedChunk out) throws IOException {
        String type = null;
        String text = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                type = p.getText();
            } else if ("text".equals(field) && value == JsonToken.VALUE_STRING) {
                text = p.getText();
            } else {
                p.skipChildren();
            }
        }
        if (text != null && type != null) {
            switch (type) {
                case "output_text" -> out.append(text, true);
                case "reasoning_text", "summary_text" -> out.append(text, false);
                default -> {
                    // refusals and other parts are not generated answer text
                }
            }
        }
    }
}
