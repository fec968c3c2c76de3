package dev.tokenperf.workloads.prompt;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One request's content, prepared before the run.
 *
 * @param messages     the chat messages (one user message for synthetic prompts)
 * @param inputTokens  the messages' token count under the run's tokenizer (the requested ISL for synthetic
 *                     prompts, which are built to it exactly); chat-template tokens are not included
 * @param outputTokens the output length to request ({@code max_tokens}), or -1 for the server's default
 */
public record RequestSpec(List<ChatMessage> messages, int inputTokens, int outputTokens) {
    public RequestSpec {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
    }

    public static RequestSpec of(String prompt, int inputTokens, int outputTokens) {
        return new RequestSpec(List.of(ChatMessage.user(prompt)), inputTokens, outputTokens);
    }

    /** The text as one prompt, for the completions API: the messages' contents joined by a newline. */
    public String promptText() {
        return messages.size() == 1 ? messages.get(0).content()
                : messages.stream().map(ChatMessage::content).collect(Collectors.joining("\n"));
    }
}
