package dev.tokenperf.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads the fields tokenperf needs from OpenAI-compatible JSON, streaming (no tree): chat
 * {@code choices[].delta.content} / {@code delta.reasoning_content} / {@code message.content}, completion
 * {@code choices[].text}, {@code usage.prompt_tokens} / {@code completion_tokens} /
 * {@code completion_tokens_details.reasoning_tokens} / {@code prompt_tokens_details.cached_tokens}, and
 * {@code error}.
 */
public final class ChunkParser {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ChunkParser() {
    }

    /**
     * Parses one JSON object, given as UTF-8 bytes, into {@code out}: the per-chunk path. It tries
     * {@link PlainChunkScanner} first (no parser per chunk), then Jackson on the bytes (no decoding into a
     * string); bytes that are valid UTF-8 but not JSON are parsed again as decoded text, so the outcome (and the
     * error message) is always that of {@link #parse(String, ParsedChunk)}.
     *
     * @throws IOException when the bytes are not UTF-8 ({@link StrictUtf8}) or the text is not a JSON object
     */
    public static void parse(byte[] utf8, ParsedChunk out) throws IOException {
        // only an object's first byte takes the byte path: anything else could be read by Jackson's encoding
        // detection (UTF-16/32) differently from the text path
        if (utf8.length > 0 && utf8[0] == '{') {
            if (PlainChunkScanner.scan(utf8, out)) {
                return;
            }
            try (JsonParser p = FACTORY.createParser(utf8)) {
                parse(p, out);
                return;
            } catch (IOException e) {
                // fall through: the text path decides, with its own message
            }
        }
        parse(StrictUtf8.decode(utf8, 0, utf8.length), out);
    }

    /**
     * Parses one JSON object into {@code out}.
     *
     * @throws IOException when the text is not a JSON object
     */
    public static void parse(String json, ParsedChunk out) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            parse(p, out);
        }
    }

    private static void parse(JsonParser p, ParsedChunk out) throws IOException {
        out.clear();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object");
        }
        readRoot(p, out);
        if (p.nextToken() != null) {
            throw new IOException("trailing data after the JSON object");
        }
    }

    private static void readRoot(JsonParser p, ParsedChunk out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "choices" -> {
                    if (value == JsonToken.START_ARRAY) {
                        readChoices(p, out);
                    } else {
                        p.skipChildren();
                    }
                }
                case "usage" -> {
                    if (value == JsonToken.START_OBJECT) {
                        readUsage(p, out);
                    } else {
                        p.skipChildren();
                    }
                }
                case "error" -> {
                    out.errorMessage = ApiJson.error(p, value);
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void readChoices(JsonParser p, ParsedChunk out) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (("delta".equals(name) || "message".equals(name)) && value == JsonToken.START_OBJECT) {
                    readMessage(p, out);
                } else if ("text".equals(name) && value == JsonToken.VALUE_STRING) {
                    out.append(p.getText(), true);
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static void readMessage(JsonParser p, ParsedChunk out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("content".equals(name) && value == JsonToken.VALUE_STRING) {
                out.append(p.getText(), true);
            } else if (("reasoning_content".equals(name) || "reasoning".equals(name))
                    && value == JsonToken.VALUE_STRING) {
                out.append(p.getText(), false);
            } else {
                p.skipChildren();
            }
        }
    }

    private static void readUsage(JsonParser p, ParsedChunk out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("prompt_tokens".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                out.promptTokens = p.getIntValue();
            } else if ("completion_tokens".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                out.completionTokens = p.getIntValue();
            } else if (("completion_tokens_details".equals(name) || "prompt_tokens_details".equals(name))
                    && value == JsonToken.START_OBJECT) {
                readDetails(p, out);
            } else {
                p.skipChildren();
            }
        }
    }

    /** A usage details object: {@code reasoning_tokens} (completion's) and {@code cached_tokens} (prompt's). */
    private static void readDetails(JsonParser p, ParsedChunk out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("reasoning_tokens".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                out.reasoningTokens = p.getIntValue();
            } else if ("cached_tokens".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                out.cachedTokens = p.getIntValue();
            } else {
                p.skipChildren();
            }
        }
    }
}
