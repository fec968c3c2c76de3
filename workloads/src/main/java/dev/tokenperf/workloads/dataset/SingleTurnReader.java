package dev.tokenperf.workloads.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.workloads.prompt.ChatMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code single-turn} JSONL: each line is {@code {"text": "..."}} or
 * {@code {"messages": [{"role": "user", "content": "..."}, ...]}}, with an optional {@code output_length}.
 */
public final class SingleTurnReader {

    private SingleTurnReader() {
    }

    public static List<DatasetEntry> read(Path file) {
        List<DatasetEntry> entries = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.read(file)) {
            JsonNode json = line.json();
            List<ChatMessage> messages = new ArrayList<>();
            if (json.path("text").isTextual()) {
                messages.add(ChatMessage.user(json.get("text").asText()));
            } else if (json.path("messages").isArray() && !json.get("messages").isEmpty()) {
                for (JsonNode message : json.get("messages")) {
                    if (!message.path("role").isTextual() || !message.path("content").isTextual()) {
                        throw new DatasetException(file, line.number(),
                                "each message needs a string 'role' and 'content'");
                    }
                    messages.add(new ChatMessage(message.get("role").asText(), message.get("content").asText()));
                }
            } else {
                throw new DatasetException(file, line.number(), "expected a string 'text' or a non-empty 'messages' array");
            }
            entries.add(new DatasetEntry(line.number(), messages, JsonLines.optionalLength(file, line, "output_length")));
        }
        return entries;
    }
}
