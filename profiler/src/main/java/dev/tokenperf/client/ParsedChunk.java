package dev.tokenperf.client;

/**
 * What one response JSON object (a stream chunk or a whole non-streamed completion) carried. Mutable and
 * reused for every chunk of one request's trace, so that parsing a chunk allocates only its text.
 */
public final class ParsedChunk {
    String content;
    int promptTokens;
    int completionTokens;
    String errorMessage;

    void clear() {
        content = null;
        promptTokens = -1;
        completionTokens = -1;
        errorMessage = null;
    }

    /** Generated text in this chunk (delta content, reasoning content or completion text), or null. */
    public String content() {
        return content;
    }

    /** True when the chunk carries generated text, i.e. counts as a token-bearing chunk. */
    public boolean hasContent() {
        return content != null && !content.isEmpty();
    }

    /** {@code usage.prompt_tokens}, or -1. */
    public int promptTokens() {
        return promptTokens;
    }

    /** {@code usage.completion_tokens}, or -1. */
    public int completionTokens() {
        return completionTokens;
    }

    /** The server's error message when the object was an error, else null. */
    public String errorMessage() {
        return errorMessage;
    }
}
