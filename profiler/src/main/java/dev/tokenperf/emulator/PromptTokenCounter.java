package dev.tokenperf.emulator;

/**
 * The emulator's notion of prompt length: whitespace-separated words. Cheap, deterministic and close to
 * real token counts for the placeholder prompts; the emulator reports it as {@code usage.prompt_tokens}.
 */
final class PromptTokenCounter {

    private PromptTokenCounter() {
    }

    static int count(CharSequence text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
