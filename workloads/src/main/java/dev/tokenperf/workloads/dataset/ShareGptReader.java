package dev.tokenperf.workloads.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.workloads.prompt.ChatMessage;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ShareGPT JSON format: an array of {@code {"conversations": [{"from": "human", "value": ...},
 * {"from": "gpt", "value": ...}, ...]}}. The first human turn is the prompt; the token length of the answer
 * that follows it is the output length to request. Conversations without a human turn followed by an answer
 * are skipped, as other profilers do; a conversation that is not shaped as above is an error naming its line.
 */
public final class ShareGptReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShareGptReader() {
    }

    public static List<DatasetEntry> read(Path file, Tokenizer tokenizer) {
        List<DatasetEntry> entries = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(Files.newInputStream(file))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new DatasetException(file, parser.currentLocation().getLineNr(), "expected a JSON array");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new DatasetException(file, parser.currentLocation().getLineNr(), "unexpected end of file");
                }
                long line = parser.currentTokenLocation().getLineNr();
                JsonNode entry = parser.readValueAsTree();
                DatasetEntry parsed = entry(file, line, entry, tokenizer);
                if (parsed != null) {
                    entries.add(parsed);
                }
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "no such file");
        } catch (JsonProcessingException e) {
            throw new DatasetException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "not valid JSON");
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new DatasetException(file, "no conversation with a human turn followed by an answer");
        }
        return entries;
    }

    private static DatasetEntry entry(Path file, long line, JsonNode entry, Tokenizer tokenizer) {
        JsonNode turns = entry.path("conversations");
        if (!entry.isObject() || !turns.isArray()) {
            throw new DatasetException(file, line, "expected an object with a 'conversations' array");
        }
        for (int i = 0; i < turns.size(); i++) {
            JsonNode turn = turns.get(i);
            if (!turn.path("from").isTextual() || !turn.path("value").isTextual()) {
                throw new DatasetException(file, line, "each turn needs a string 'from' and 'value'");
            }
            if (turn.get("from").asText().equals("human")) {
                if (i + 1 >= turns.size()) {
                    return null;
                }
                JsonNode answer = turns.get(i + 1);
                if (!answer.path("value").isTextual()) {
                    throw new DatasetException(file, line, "each turn needs a string 'from' and 'value'");
                }
                int answerTokens = tokenizer.count(answer.get("value").asText());
                return new DatasetEntry(line, List.of(ChatMessage.user(turn.get("value").asText())),
                        Math.max(1, answerTokens));
            }
        }
        return null;
    }
}
