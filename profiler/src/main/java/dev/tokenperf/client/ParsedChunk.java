package dev.tokenperf.client;

/**
 * What one response JSON object (a stream chunk or a whole non-streamed completion) carried. Mutable and
 * reused for every chunk of one request's trace, so that parsing a chunk allocates only its text.
 */
public final class ParsedChunk {
    String content;
    boolean answer;
    int promptTokens;
    int completionTokens;
    int reasoningTokens;
    int cachedTokens;
    String errorMessage;
    /** A named-event API's delta read before its event's type, which says what it is (see {@link NamedEventApi}). */
    String pending;

    void clear() {
        content = null;
        answer = false;
        promptTokens = -1;
        completionTokens = -1;
        reasoningTokens = -1;
        cachedTokens = -1;
        errorMessage = null;
        pending = null;
    }

    /** Appends generated text; {@code isAnswer} is false for reasoning ({@code reasoning_content}/{@code reasoning}). */
    void append(String text, boolean isAnswer) {
        if (text.isEmpty()) {
            return;
        }
        content = content == null ? text : content + text;
        answer |= isAnswer;
    }

    /** Generated text in this chunk (delta content, reasoning content or completion text), or null. */
    public String content() {
        return content;
    }

    /** True when the chunk carries generated text, i.e. counts as a token-bearing chunk. */
    public boolean hasContent() {
        return content != null && !content.isEmpty();
    }

    /** True when the chunk's text is all reasoning: a reasoning model still thinking, before its answer. */
    public boolean isReasoning() {
        return hasContent() && !answer;
    }

    /** {@code usage.prompt_tokens}, or -1. */
    public int promptTokens() {
        return promptTokens;
    }

    /** {@code usage.completion_tokens}, or -1. */
    public int completionTokens() {
        return completionTokens;
    }

    /** {@code usage.completion_tokens_details.reasoning_tokens}, or -1. */
    public int reasoningTokens() {
        return reasoningTokens;
    }

    /**
     * The prompt tokens the server's prefix cache served: {@code usage.prompt_tokens_details.cached_tokens}
     * (Responses: {@code usage.input_tokens_details.cached_tokens}), or -1.
     */
    public int cachedTokens() {
        return cachedTokens;
    }

    /** The server's error message when the object was an error, else null. */
    public String errorMessage() {
        return errorMessage;
    }
}
