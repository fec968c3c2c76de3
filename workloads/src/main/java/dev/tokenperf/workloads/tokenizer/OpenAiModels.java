package dev.tokenperf.workloads.tokenizer;

import java.util.Locale;

/** Recognises OpenAI model names, whose token counts the embedded {@code o200k_base} matches. */
public final class OpenAiModels {

    private OpenAiModels() {
    }

    /** True for names such as {@code gpt-4o}, {@code o3-mini}, {@code openai/gpt-oss-20b}. */
    public static boolean isOpenAi(String model) {
        if (model == null) {
            return false;
        }
        String name = model.toLowerCase(Locale.ROOT);
        return name.startsWith("gpt-") || name.startsWith("chatgpt") || name.startsWith("openai/")
                || name.matches("o[1-9](-.*)?");
    }
}
