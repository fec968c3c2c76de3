package dev.tokenperf.workloads.dataset;

import dev.tokenperf.workloads.prompt.ChatMessage;

import java.util.List;

/**
 * One request read from a dataset file, before tokenizing.
 *
 * @param line         the line the entry starts on, for error messages
 * @param messages     the prompt as chat messages
 * @param outputTokens the output length to request, or -1 when the file gives none
 */
public record DatasetEntry(long line, List<ChatMessage> messages, int outputTokens) {
    public DatasetEntry {
        messages = List.copyOf(messages);
    }
}
