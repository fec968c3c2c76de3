package dev.tokenperf.cacheprobe;

import dev.tokenperf.workloads.prompt.ContextPrompt;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

/**
 * Cuts a document so that document + prompt stay at or under the context limit minus
 * {@link ContextPrompt#SAFETY_MARGIN_TOKENS} (the margin leaves room for the chat template and the answer),
 * counted with the tokenizer when there is one, else at about
 * {@value ContextPrompt#CHARS_PER_TOKEN_ESTIMATE} characters per token.
 */
final class PromptFitter {
    private final Tokenizer tokenizer;

    /** @param tokenizer the model's tokenizer, or null to estimate from characters */
    PromptFitter(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** How tokens are counted, for the console. */
    String describe() {
        return tokenizer == null ? "no --tokenizer: counting about " + ContextPrompt.CHARS_PER_TOKEN_ESTIMATE
                + " characters per token" : "tokens counted with " + tokenizer.name();
    }

    /** The request's text: the document, cut, then a blank line and the prompt. */
    Fitted fit(String document, String prompt, int maxContextTokens) {
        if (tokenizer == null) {
            String text = ContextPrompt.buildByCharacters(document, prompt, maxContextTokens);
            return new Fitted(text, (text.length() + ContextPrompt.CHARS_PER_TOKEN_ESTIMATE - 1)
                    / ContextPrompt.CHARS_PER_TOKEN_ESTIMATE);
        }
        String text = ContextPrompt.build(tokenizer, document, prompt, maxContextTokens);
        return new Fitted(text, tokenizer.count(text));
    }

    /**
     * @param text   the prompt text sent
     * @param tokens its length as counted (or estimated) here
     */
    record Fitted(String text, int tokens) {
    }
}
