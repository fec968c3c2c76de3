package dev.tokenperf.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulated answer of the embeddings API: one small vector per input text and the input's token count. It is
 * due when a completion's first token would be: an embedding costs the prefill only.
 */
final class EmbeddingsWriter {
    /** Dimensions of each emulated vector: enough to look like one, few enough to cost nothing. */
    private static final int DIMENSIONS = 8;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EmbeddingsWriter() {
    }

    /** @param inputs how many texts were sent */
    static JsonNode response(String model, int inputs, int promptTokens) {
        ObjectNode root = MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < inputs; i++) {
            ArrayNode vector = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
            for (int d = 0; d < DIMENSIONS; d++) {
                vector.add(d == i % DIMENSIONS ? 1.0 : 0.0);
            }
        }
        root.put("model", model);
        root.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        return root;
    }
}
