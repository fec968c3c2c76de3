package dev.tokenperf.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tokenperf.workloads.prompt.ChatMessage;

import java.io.IOException;
import java.util.List;

/**
 * An API whose stream is named events (Responses, Messages): an event whose name carries no data is skipped
 * unparsed; an event without a name is read by its data's {@code type}, which these APIs repeat there. The
 * subclass says which types carry data and reads their fields. Stateless: what one event needs between its fields
 * goes in its {@link ParsedChunk}.
 */
abstract class NamedEventApi implements Api {

    @Override
    public final boolean readEvent(SseEvent event, ParsedChunk out) throws IOException {
        String name = event.type();
        boolean unnamed = SseEvent.UNNAMED.equals(name);
        if (!unnamed && !carriesData(name)) {
            return false;
        }
        out.clear();
        String type = unnamed ? null : name;
        try (JsonParser p = ApiJson.object(event.dataUtf8())) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("type".equals(field) && value == JsonToken.VALUE_STRING && type == null) {
                    type = p.getText();
                } else if (!readField(field, value, p, out)) {
                    p.skipChildren();
                }
            }
            ApiJson.end(p);
        }
        if (type == null || !carriesData(type)) {
            out.clear();
            return false;
        }
        finish(type, out);
        return true;
    }

    /** Whether events of {@code type} carry text or usage. */
    abstract boolean carriesData(String type);

    /**
     * Reads one top-level field of an event's data (the parser on its value) into {@code out}.
     *
     * @return false to have it skipped
     */
    abstract boolean readField(String field, JsonToken value, JsonParser p, ParsedChunk out) throws IOException;

    /** Completes {@code out} with what depends on the event's type, known only once the whole data is read. */
    abstract void finish(String type, ParsedChunk out);

    /**
     * Adds the messages that are not system ones to {@code turns}, and returns the system ones' text joined by a
     * newline (empty when none): both APIs take it beside the conversation.
     */
    static String addTurns(ArrayNode turns, List<ChatMessage> messages) {
        StringBuilder system = new StringBuilder();
        for (ChatMessage message : messages) {
            if ("system".equals(message.role())) {
                system.append(system.isEmpty() ? "" : "\n").append(message.content());
            } else {
                turns.addObject().put("role", message.role()).put("content", message.content());
            }
        }
        return system.toString();
    }
}
