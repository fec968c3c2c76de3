package dev.tokenperf.workloads.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.ConversationTurn;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads aiperf's {@code multi_turn} JSONL: one session per line,
 * {@code {"session_id": "...", "turns": [{"text": "...", "delay": ms, "output_length": n}, ...]}}. The session id
 * is optional (the line number names the session then); {@code delay} is the user's think time in milliseconds
 * before the turn is sent, scaled by {@code delayRatio}; {@code output_length} is optional.
 */
public final class MultiTurnReader {
    private MultiTurnReader() {
    }

    /**
     * @param delayRatio factor on every {@code delay} ({@code --conversation-turn-delay-ratio})
     * @param maxContextTokens the model's context length, or 0 when unknown; a longer user turn is an error
     */
    public static List<Conversation> read(Path file, Tokenizer tokenizer, double delayRatio, int maxContextTokens) {
        List<Conversation> sessions = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.read(file)) {
            JsonNode json = line.json();
            JsonNode turns = json.get("turns");
            if (turns == null || !turns.isArray() || turns.isEmpty()) {
                throw new DatasetException(file, line.number(), "expected a non-empty 'turns' array");
            }
            List<ConversationTurn> parsed = new ArrayList<>(turns.size());
            for (JsonNode turn : turns) {
                parsed.add(turn(file, line.number(), turn, tokenizer, delayRatio, maxContextTokens));
            }
            JsonNode id = json.get("session_id");
            if (id != null && !id.isTextual() && !id.isIntegralNumber()) {
                throw new DatasetException(file, line.number(), "'session_id' must be a string");
            }
            sessions.add(new Conversation(id == null ? "line-" + line.number() : id.asText(), parsed));
        }
        return sessions;
    }

    private static ConversationTurn turn(Path file, long line, JsonNode turn, Tokenizer tokenizer, double delayRatio,
                                         int maxContextTokens) {
        if (!turn.isObject() || !turn.path("text").isTextual()) {
            throw new DatasetException(file, line, "each turn needs a string 'text'");
        }
        JsonNode delay = turn.get("delay");
        if (delay != null && !delay.isNull() && (!delay.isNumber() || delay.asDouble() < 0)) {
            throw new DatasetException(file, line, "a turn's 'delay' must be a number of milliseconds >= 0");
        }
        JsonNode output = turn.get("output_length");
        if (output != null && !output.isNull() && (!output.isIntegralNumber() || output.asInt() < 1)) {
            throw new DatasetException(file, line, "a turn's 'output_length' must be a positive integer");
        }
        String text = turn.get("text").asText();
        int tokens = tokenizer.count(text);
        if (maxContextTokens > 0 && tokens > maxContextTokens) {
            throw new DatasetException(file, line, "turn of " + tokens + " tokens exceeds --max-ctx-tokens "
                    + maxContextTokens);
        }
        double delayMillis = delay == null || delay.isNull() ? 0 : delay.asDouble() * delayRatio;
        return new ConversationTurn(text, tokens, output == null || output.isNull() ? -1 : output.asInt(),
                delayMillis);
    }
}
