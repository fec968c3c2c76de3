package dev.tokenperf.workloads.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerResolverTest {
    private static final Path TINY_LLAMA = Path.of("..", "..", "shared", "tokenizers", "tiny-llama");

    @Test
    void noValueIsTheEmbeddedDefault() throws IOException {
        try (Tokenizer tokenizer = new TokenizerResolver(Map.of()).resolve(null)) {
            assertEquals("o200k_base", tokenizer.name());
            assertTrue(tokenizer.isEmbeddedDefault());
        }
    }

    @Test
    void loadsAFolderAndMatchesTheServersTokenIds() throws IOException {
        try (Tokenizer tokenizer = new TokenizerResolver(Map.of()).resolve(TINY_LLAMA.toString())) {
            assertFalse(tokenizer.isEmbeddedDefault());
            // the ids llama-server's /tokenize gives for the tiny model, without the BOS token
            assertArrayEquals(new int[]{15043, 3186, 29991}, tokenizer.encode("Hello world!"));
        }
    }

    @Test
    void countsBeyondDjlsDefault512TokenTruncation() throws IOException {
        try (Tokenizer tokenizer = new TokenizerResolver(Map.of()).resolve(TINY_LLAMA.resolve("tokenizer.json").toString())) {
            String text = "river ".repeat(3000);
            assertTrue(tokenizer.count(text) >= 3000, "count " + tokenizer.count(text));
        }
    }

    @Test
    void resolvesAModelIdFromTheHuggingFaceCache(@TempDir Path hfHome) throws IOException {
        Path snapshot = hfHome.resolve("hub/models--acme--tiny/snapshots/0123abcd");
        Files.createDirectories(snapshot);
        Files.copy(TINY_LLAMA.resolve("tokenizer.json"), snapshot.resolve("tokenizer.json"));
        try (Tokenizer tokenizer = new TokenizerResolver(Map.of("HF_HOME", hfHome.toString())).resolve("acme/tiny")) {
            assertEquals("acme/tiny", tokenizer.name());
            assertArrayEquals(new int[]{15043, 3186, 29991}, tokenizer.encode("Hello world!"));
        }
    }

    @Test
    void anUnknownValueSaysWhereItLooked(@TempDir Path hfHome) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenizerResolver(Map.of("HF_HOME", hfHome.toString(), "HF_HUB_OFFLINE", "1"))
                        .resolve("acme/missing"));
        assertTrue(e.getMessage().startsWith("--tokenizer acme/missing:"), e.getMessage());
        assertTrue(e.getMessage().contains(hfHome.resolve("hub").toString()), e.getMessage());
    }

    @Test
    void recognisesOpenAiModelNames() {
        assertTrue(OpenAiModels.isOpenAi("gpt-4o-mini"));
        assertTrue(OpenAiModels.isOpenAi("o3"));
        assertTrue(OpenAiModels.isOpenAi("openai/gpt-oss-20b"));
        assertFalse(OpenAiModels.isOpenAi("Qwen/Qwen3-8B"));
        assertFalse(OpenAiModels.isOpenAi("tokenperf-emulator"));
    }
}
