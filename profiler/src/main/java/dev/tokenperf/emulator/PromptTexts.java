package dev.tokenperf.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The texts of a request's prompt, in order: each chat message's content (or each text part of it), or the
 * completion prompt (a string or an array of them). The emulator counts and caches these texts only; it adds
 * no chat-template tokens.
 */
final class PromptTexts {
    private PromptTexts() {
    }

    static List<String> of(JsonNode body, boolean chat) {
        List<String> texts = new ArrayList<>();
        if (chat) {
            for (JsonNode message : body.path("messages")) {
                JsonNode content = message.path("content");
                if (content.isArray()) {
                    content.forEach(part -> texts.add(part.path("text").asText("")));
                } else {
                    texts.add(content.asText(""));
                }
            }
        } else if (body.path("prompt").isArray()) {
            body.path("prompt").forEach(p -> texts.add(p.asText("")));
        } else {
            texts.add(body.path("prompt").asText(""));
        }
        return texts;
    }

    /** The prompt's length in tokens, as {@link PromptTokenCounter} counts it. */
    static int count(List<String> texts) {
        int tokens = 0;
        for (String text : texts) {
            tokens += PromptTokenCounter.count(text);
        }
        return tokens;
    }

    /** The prompt's token ids, the texts' encodings one after another; as many as {@link #count} says. */
    static int[] ids(List<String> texts) {
        int[] ids = new int[0];
        for (String text : texts) {
            int[] part = PromptTokenCounter.ids(text);
            int start = ids.length;
            ids = Arrays.copyOf(ids, start + part.length);
            System.arraycopy(part, 0, ids, start, part.length);
        }
        return ids;
    }
}
