package dev.tokenperf.workloads.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model's own tokenizer from a HuggingFace {@code tokenizer.json}, run by DJL's binding of the Rust
 * {@code tokenizers} library. DJL truncates to 512 tokens by default; this loads with truncation off and
 * without special tokens, so long prompts are counted whole.
 */
public final class HuggingFaceTokenizerFile implements Tokenizer {
    private static final Map<String, String> OPTIONS = Map.of(
            "truncation", "false",
            "padding", "false",
            "addSpecialTokens", "false",
            "modelMaxLength", String.valueOf(Integer.MAX_VALUE));

    private final String name;
    private final HuggingFaceTokenizer tokenizer;

    private HuggingFaceTokenizerFile(String name, HuggingFaceTokenizer tokenizer) {
        this.name = name;
        this.tokenizer = tokenizer;
    }

    /**
     * @param file a {@code tokenizer.json}
     * @param name how to show it (the path or model id the user gave)
     */
    public static HuggingFaceTokenizerFile load(Path file, String name) throws IOException {
        return new HuggingFaceTokenizerFile(name, HuggingFaceTokenizer.newInstance(file, OPTIONS));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isEmbeddedDefault() {
        return false;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = (int) ids[i];
        }
        return result;
    }

    @Override
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        return tokenizer.decode(wide, false);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
