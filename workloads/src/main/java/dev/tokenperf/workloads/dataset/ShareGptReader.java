package dev.tokenperf.workloads.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.workloads.prompt.ChatMessage;
import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.ConversationTurn;
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
 * In a session run ({@link #readSessions}) each conversation is one session of all its human turns.
 */
public final class ShareGptReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShareGptReader() {
    }

    public static List<DatasetEntry> read(Path file, Tokenizer tokenizer) {
        List<DatasetEntry> entries = new ArrayList<>();
        forEachConversation(file, (line, turns) -> {
            DatasetEntry parsed = entry(file, line, turns, tokenizer);
            if (parsed != null) {
                entries.add(parsed);
            }
        });
        if (entries.isEmpty()) {
            throw new DatasetException(file, "no conversation with a human turn followed by an answer");
        }
        return entries;
    }

    /**
     * The conversations as whole sessions: every human turn followed by an answer is a user turn, and the answer's
     * token length is its output length; the answers themselves are not sent (the server's own answers are).
     * Conversations without such a turn are skipped. Think times are 0 (ShareGPT has none).
     */
    public static List<Conversation> readSessions(Path file, Tokenizer tokenizer) {
        List<Conversation> sessions = new ArrayList<>();
        forEachConversation(file, (line, turns) -> {
            List<ConversationTurn> userTurns = new ArrayList<>();
            for (int i = 0; i + 1 < turns.size(); i++) {
                if (turns.get(i).get("from").asText().equals("human")) {
                    String text = turns.get(i).get("value").asText();
                    int answerTokens = tokenizer.count(turns.get(i + 1).get("value").asText());
                    userTurns.add(new ConversationTurn(text, tokenizer.count(text), Math.max(1, answerTokens), 0));
                    i++;
                }
            }
            if (!userTurns.isEmpty()) {
                sessions.add(new Conversation("line-" + line, userTurns));
            }
        });
        if (sessions.isEmpty()) {
            throw new DatasetException(file, "no conversation with a human turn followed by an answer");
        }
        return sessions;
    }

    /** One conversation's turns, each checked to have a string 'from' and 'value'. */
    private interface ConversationVisitor {
        void visit(long line, JsonNode turns);
    }

    private static void forEachConversation(Path file, ConversationVisitor visitor) {
        try (JsonParser parser = MAPPER.createParser(Files.newInputStream(file))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new DatasetException(file, parser.currentLocation().getLineNr(), "expected a JSON array");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new DatasetException(file, parser.currentLocation().getLineNr(), "unexpected end of file");
                }
                long line = parser.currentTokenLocation().getLineNr();
                visitor.visit(line, turns(file, line, parser.readValueAsTree()));
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "no such file");
        } catch (JsonProcessingException e) {
            throw new DatasetException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "not valid JSON");
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e.getMessage());
        }
    }

    private static JsonNode turns(Path file, long line, JsonNode entry) {
        JsonNode turns = entry.path("conversations");
        if (!entry.isObject() || !turns.isArray()) {
            throw new DatasetException(file, line, "expected an object with a 'conversations' array");
        }
        for (JsonNode turn : turns) {
            if (!turn.path("from").isTextual() || !turn.path("value").isTextual()) {
                throw new DatasetException(file, line, "each turn needs a string 'from' and 'value'");
            }
        }
        return turns;
    }

    private static DatasetEntry entry(Path file, long line, JsonNode turns, Tokenizer tokenizer) {
        for (int i = 0; i + 1 < turns.size(); i++) {
            JsonNode turn = turns.get(i);
            if (turn.get("from").asText().equals("human")) {
                int answerTokens = tokenizer.count(turns.get(i + 1).get("value").asText());
                return new DatasetEntry(line, List.of(ChatMessage.user(turn.get("value").asText())),
                        Math.max(1, answerTokens));
            }
        }
        return null;
    }
}
