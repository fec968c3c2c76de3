package dev.tokenperf.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The texts of a request's prompt, in order: each message's content (or each text part of it) after any system
 * text or instructions, the completion prompt, or the texts to embed (a string or an array of them). The emulator counts and caches these texts only; it adds
 * no chat-template tokens.
 */
final class PromptTexts {
    private PromptTexts() {
    }

    static List<String> of(JsonNode body, WireFormat format) {
        List<String> texts = new ArrayList<>();
        switch (format) {
            case CHAT -> messages(body.path("messages"), texts);
            case MESSAGES -> {
                addAll(body.path("system"), texts);
                messages(body.path("messages"), texts);
            }
            case RESPONSES -> {
                addAll(body.path("instructions"), texts);
                if (body.path("input").isArray()) {
                    messages(body.path("input"), texts);
                } else {
                    texts.add(body.path("input").asText(""));
                }
            }
            case COMPLETIONS -> addAll(body.path("prompt"), texts);
            case EMBEDDINGS -> addAll(body.path("input"), texts);
        }
        return texts;
    }

    /** Each message's content, or each text part of it. */
    private static void messages(JsonNode messages, List<String> texts) {
        for (JsonNode message : messages) {
            JsonNode content = message.path("content");
            if (content.isArray()) {
                content.forEach(part -> texts.add(part.path("text").asText("")));
            } else {
                texts.add(content.asText(""));
            }
        }
    }

    /** A string, or each string of an array; nothing when absent. */
    private static void addAll(JsonNode value, List<String> texts) {
        if (value.isArray()) {
            value.forEach(p -> texts.add(p.asText("")));
        } else if (!value.isMissingNode() && !value.isNull()) {
            texts.add(value.asText(""));
        }
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
