package dev.tokenperf.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The fast path may only ever agree with Jackson: whenever it answers, Jackson gives the same answer. */
class PlainChunkScannerTest {
    private static final List<String> CORPUS = List.of(
            "{\"id\":\"chatcmpl-emu-1\",\"object\":\"chat.completion.chunk\",\"created\":1763935000,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" the\"},\"finish_reason\":null}]}",
            "{\"id\":\"cmpl-1\",\"choices\":[{\"index\":0,\"text\":\" and\",\"logprobs\":null,\"finish_reason\":null}]}",
            "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":34,\"total_tokens\":46}}",
            "{ \"choices\" : [ { \"delta\" : { \"reasoning_content\" : \"a\" , \"content\" : \"b\" } } ,"
                    + " { \"message\" : { \"reasoning\" : \"c\" } } ] }\n",
            "{\"choices\":[{\"delta\":{\"content\":null,\"tool_calls\":[{\"id\":\"x\",\"function\":{\"arguments\":\"{}\"}}]}}]}",
            "{\"usage\":{\"prompt_tokens\":-0,\"completion_tokens\":7.5},\"x\":[1,-2.5e+3,0.1E2,true,false,null,{}]}",
            "{\"usage\":{\"prompt_tokens\":1234567890}}",
            "{\"usage\":{\"prompt_tokens\":012}}",
            "{\"choices\":[{\"delta\":{\"content\":\"line\\nbreak \\\"q\\\" \\u00e9\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"h\u00e9llo\"}}]}",
            "{\"choices\":[1,{\"text\":\"a\"}]}",
            "{\"choices\":{\"text\":\"a\"},\"usage\":[1]}",
            "{\"error\":{\"message\":\"overloaded\"}}",
            "{\"error\":\"bad\"}",
            "{\"choices\":[{\"text\":\"a\"}],\"choices\":[{\"text\":\"b\"}]}",
            "{\"choices\":[{\"text\":\"a\",}]}",
            "{\"a\":nul,\"choices\":[]}",
            "{\"a\":tru}",
            "{\"a\":1.}",
            "{\"a\":-}",
            "{\"a\":\"x\"}{}",
            "{}",
            "{\"a\":[[[[[[[[[[]]]]]]]]]]}",
            "{\"choices\":[],\"usage\":{\"completion_tokens\":70,\"completion_tokens_details\":"
                    + "{\"audio_tokens\":0,\"reasoning_tokens\":50}}}",
            "{\"choices\":[{\"delta\":{\"reasoning\":\" r\"}}]}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":3,\"prompt_tokens_details\":"
                    + "{\"audio_tokens\":0,\"cached_tokens\":32}}}",
            "{\"usage\":{\"prompt_tokens_details\":{\"cached_tokens\":null},\"prompt_tokens\":5}}",
            "{\"usage\":{\"prompt_tokens_details\":null,\"prompt_tokens\":5}}");

    @Test
    void theEmulatorsChunksTakeTheFastPath() {
        assertTrue(PlainChunkScanner.scan(CORPUS.get(0).getBytes(StandardCharsets.UTF_8), new ParsedChunk()));
        assertTrue(PlainChunkScanner.scan(CORPUS.get(3).getBytes(StandardCharsets.UTF_8), new ParsedChunk()));
        assertFalse(PlainChunkScanner.scan(CORPUS.get(9).getBytes(StandardCharsets.UTF_8), new ParsedChunk()),
                "escapes are left to Jackson");
    }

    @Test
    void wheneverTheFastPathAnswersJacksonAgrees() throws IOException {
        int answered = 0;
        for (String doc : variants()) {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            ParsedChunk fast = new ParsedChunk();
            if (!PlainChunkScanner.scan(bytes, fast)) {
                continue;
            }
            answered++;
            ParsedChunk jackson = new ParsedChunk();
            try {
                ChunkParser.parse(doc, jackson);
            } catch (IOException e) {
                fail("the fast path accepted what Jackson rejects (" + e.getMessage() + "): " + doc);
            }
            assertEquals(jackson.content(), fast.content(), doc);
            assertEquals(jackson.promptTokens(), fast.promptTokens(), doc);
            assertEquals(jackson.completionTokens(), fast.completionTokens(), doc);
            assertEquals(jackson.reasoningTokens(), fast.reasoningTokens(), doc);
            assertEquals(jackson.cachedTokens(), fast.cachedTokens(), doc);
            assertEquals(jackson.isReasoning(), fast.isReasoning(), doc);
            assertEquals(jackson.errorMessage(), fast.errorMessage(), doc);
        }
        assertTrue(answered > 10, "the fast path answered " + answered);
    }

    /** The corpus, every prefix of it, and every one-character deletion: mostly malformed documents. */
    private static List<String> variants() {
        List<String> docs = new ArrayList<>();
        for (String doc : CORPUS) {
            docs.add(doc);
            for (int k = 0; k < doc.length(); k++) {
                docs.add(doc.substring(0, k));
                docs.add(doc.substring(0, k) + doc.substring(k + 1));
            }
        }
        return docs;
    }
}
