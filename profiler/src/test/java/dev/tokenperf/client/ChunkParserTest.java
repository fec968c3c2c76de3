package dev.tokenperf.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkParserTest {
    private final ParsedChunk chunk = new ParsedChunk();

    @Test
    void chatDeltaContentIsText() throws IOException {
        ChunkParser.parse("{\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" Hello\"},"
                + "\"finish_reason\":null}]}", chunk);
        assertEquals(" Hello", chunk.content());
        assertTrue(chunk.hasContent());
        assertEquals(-1, chunk.completionTokens());
    }

    @Test
    void roleOnlyChunkIsNotAToken() throws IOException {
        ChunkParser.parse("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}", chunk);
        assertFalse(chunk.hasContent());
        ChunkParser.parse("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}", chunk);
        assertFalse(chunk.hasContent());
    }

    @Test
    void usageOnlyChunkCarriesCountsButNoToken() throws IOException {
        ChunkParser.parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":34,"
                + "\"total_tokens\":46}}", chunk);
        assertFalse(chunk.hasContent());
        assertEquals(12, chunk.promptTokens());
        assertEquals(34, chunk.completionTokens());
    }

    @Test
    void completionTextAndReasoningContentAreText() throws IOException {
        ChunkParser.parse("{\"choices\":[{\"text\":\" world\",\"logprobs\":{\"x\":[1,2]}}],\"usage\":null}", chunk);
        assertEquals(" world", chunk.content());
        assertFalse(chunk.isReasoning());
        ChunkParser.parse("{\"choices\":[{\"delta\":{\"reasoning_content\":\"think\"}}]}", chunk);
        assertEquals("think", chunk.content());
        assertTrue(chunk.isReasoning(), "reasoning only: the answer has not started");
        ChunkParser.parse("{\"choices\":[{\"delta\":{\"reasoning\":\"a\",\"content\":\"b\"}}]}", chunk);
        assertEquals("ab", chunk.content());
        assertFalse(chunk.isReasoning(), "a chunk with answer text starts the answer");
    }

    @Test
    void reasoningTokensComeFromCompletionDetails() throws IOException {
        ChunkParser.parse("{\"usage\":{\"completion_tokens\":70,\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":50}}}", chunk);
        assertEquals(70, chunk.completionTokens());
        assertEquals(50, chunk.reasoningTokens());
        ChunkParser.parse("{\"usage\":{\"completion_tokens\":70}}", chunk);
        assertEquals(-1, chunk.reasoningTokens());
    }

    @Test
    void cachedTokensComeFromPromptDetailsOnTheFastAndTheJacksonPath() throws IOException {
        String plain = "{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":3,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":32}}}";
        ChunkParser.parse(plain.getBytes(StandardCharsets.UTF_8), chunk);
        assertEquals(32, chunk.cachedTokens());
        assertEquals(40, chunk.promptTokens());
        // an escaped string makes the scanner give up: Jackson reads the same count
        ChunkParser.parse(plain.replace("\"choices\":[]", "\"id\":\"a\\u0062\",\"choices\":[]")
                .getBytes(StandardCharsets.UTF_8), chunk);
        assertEquals(32, chunk.cachedTokens());
        ChunkParser.parse("{\"usage\":{\"prompt_tokens\":40}}", chunk);
        assertEquals(-1, chunk.cachedTokens(), "not reported");
    }

    @Test
    void responsesApiCachedTokensComeFromInputDetails() throws IOException {
        Api.of(dev.tokenperf.reports.plan.EndpointType.RESPONSES).readBody("{\"output\":[],\"usage\":"
                + "{\"input_tokens\":64,\"input_tokens_details\":{\"cached_tokens\":48},\"output_tokens\":2,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0}}}", chunk);
        assertEquals(64, chunk.promptTokens());
        assertEquals(48, chunk.cachedTokens());
    }

    @Test
    void nonStreamedMessageIsText() throws IOException {
        ChunkParser.parse("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"a b c\"}}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3}}", chunk);
        assertEquals("a b c", chunk.content());
        assertEquals(3, chunk.completionTokens());
    }

    @Test
    void errorObjectIsReported() throws IOException {
        ChunkParser.parse("{\"error\":{\"message\":\"out of memory\",\"code\":500}}", chunk);
        assertEquals("out of memory", chunk.errorMessage());
        ChunkParser.parse("{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}", chunk);
        assertNull(chunk.errorMessage(), "state is cleared between chunks");
    }

    @Test
    void malformedJsonIsAnError() {
        assertThrows(IOException.class, () -> ChunkParser.parse("{\"choices\":[{\"delta\":", chunk));
        assertThrows(IOException.class, () -> ChunkParser.parse("[1,2]", chunk));
        assertThrows(IOException.class, () -> ChunkParser.parse("{} trailing", chunk));
    }

    @Test
    void utf8BytesParseAsTheirText() throws IOException {
        String json = "{\"choices\":[{\"delta\":{\"content\":\" h\u00e9llo \u4e16\"}}],\"usage\":{\"prompt_tokens\":3}}";
        ChunkParser.parse(json.getBytes(StandardCharsets.UTF_8), chunk);
        assertEquals(" h\u00e9llo \u4e16", chunk.content());
        assertEquals(3, chunk.promptTokens());
    }

    @Test
    void invalidUtf8IsAnErrorNotReplacementTextAndOtherBadBytesGiveWhatTheirTextGives() {
        byte[] bytes = "{\"choices\":[{\"text\":\"a?b\"}]}".getBytes(StandardCharsets.US_ASCII);
        bytes[22] = (byte) 0xC3; // a lone lead byte: U+FFFD would count as generated text
        assertEquals("invalid UTF-8", assertThrows(IOException.class, () -> ChunkParser.parse(bytes, chunk))
                .getMessage());

        byte[] notJson = "{\"choices\":".getBytes(StandardCharsets.US_ASCII);
        IOException fromBytes = assertThrows(IOException.class, () -> ChunkParser.parse(notJson, chunk));
        IOException fromText = assertThrows(IOException.class, () -> ChunkParser.parse("{\"choices\":", chunk));
        assertEquals(fromText.getMessage(), fromBytes.getMessage());
    }
}
