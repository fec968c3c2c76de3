package dev.tokenperf.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** The streaming-JSON steps the {@link Api}s share: open an object, read a usage or error object, close. */
final class ApiJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ApiJson() {
    }

    /** A parser positioned inside the top-level object of {@code utf8}. */
    static JsonParser object(byte[] utf8) throws IOException {
        return inside(FACTORY.createParser(utf8));
    }

    /** A parser positioned inside the top-level object of {@code json}. */
    static JsonParser object(String json) throws IOException {
        return inside(FACTORY.createParser(json));
    }

    private static JsonParser inside(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            p.close();
            throw new IOException("expected a JSON object");
        }
        return p;
    }

    /** Checks that nothing follows the top-level object whose end {@code p} has just read. */
    static void end(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new IOException("trailing data after the JSON object");
        }
    }

    /**
     * Reads a usage object (the parser on its START_OBJECT) into {@code out}: the input and output counts under
     * the API's names, and {@code reasoning_tokens} and {@code cached_tokens} inside any {@code *_details} object.
     */
    static void usage(JsonParser p, ParsedChunk out, String inputName, String outputName) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT && name.equals(inputName)) {
                out.promptTokens = p.getIntValue();
            } else if (value == JsonToken.VALUE_NUMBER_INT && name.equals(outputName)) {
                out.completionTokens = p.getIntValue();
            } else if (value == JsonToken.START_OBJECT && name.endsWith("_details")) {
                usage(p, out, "", "");
            } else if (value == JsonToken.VALUE_NUMBER_INT && name.equals("reasoning_tokens")) {
                out.reasoningTokens = p.getIntValue();
            } else if (value == JsonToken.VALUE_NUMBER_INT && name.equals("cached_tokens")) {
                out.cachedTokens = p.getIntValue();
            } else {
                p.skipChildren();
            }
        }
    }

    /**
     * Reads an Anthropic Messages usage object (the parser on its START_OBJECT). Its {@code input_tokens} counts only
     * the prompt tokens after the last cache breakpoint; {@code cache_read_input_tokens} (read from the prompt cache)
     * and {@code cache_creation_input_tokens} (written to it) are the rest of the prompt. So the prompt is their sum,
     * and the cache's share is {@code cache_read_input_tokens}, as {@code cached_tokens} is in OpenAI's usage.
     */
    static void messagesUsage(JsonParser p, ParsedChunk out) throws IOException {
        int input = -1;
        int cacheRead = -1;
        int cacheCreation = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value != JsonToken.VALUE_NUMBER_INT) {
                p.skipChildren();
                continue;
            }
            switch (name) {
                case "input_tokens" -> input = p.getIntValue();
                case "output_tokens" -> out.completionTokens = p.getIntValue();
                case "cache_read_input_tokens" -> cacheRead = p.getIntValue();
                case "cache_creation_input_tokens" -> cacheCreation = p.getIntValue();
                default -> {
                    // other counters (e.g. server tool use) are not tokens of this request's prompt
                }
            }
        }
        if (input >= 0) {
            out.promptTokens = input + Math.max(0, cacheRead) + Math.max(0, cacheCreation);
        }
        if (cacheRead >= 0) {
            out.cachedTokens = cacheRead;
        }
    }

    /**
     * The message of an error value (the parser on it): an object's {@code message}, a string itself; null for
     * JSON null, which some APIs send as "no error".
     */
    static String error(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_OBJECT) {
            return p.getValueAsString("error");
        }
        String message = "error object without message";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("message".equals(name)) {
                message = p.getValueAsString(message);
            } else {
                p.skipChildren();
            }
        }
        return message;
    }
}
