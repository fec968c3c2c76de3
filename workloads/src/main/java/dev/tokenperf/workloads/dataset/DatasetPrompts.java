package dev.tokenperf.workloads.dataset;

import dev.tokenperf.workloads.prompt.ChatMessage;
import dev.tokenperf.workloads.prompt.ExactLengthText;
import dev.tokenperf.workloads.prompt.RequestSpec;
import dev.tokenperf.workloads.prompt.SyntheticPrompts;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns dataset entries into requests, counting their tokens with the run's tokenizer. */
public final class DatasetPrompts {
    private static final long BLOCK_STREAM = -2;

    private DatasetPrompts() {
    }

    /**
     * @param maxContextTokens the model's context length, or 0 when unknown; a longer prompt is an error
     */
    public static List<RequestSpec> fromEntries(Path file, List<DatasetEntry> entries, Tokenizer tokenizer,
                                                int maxContextTokens) {
        return entries.stream().map(entry -> {
            int tokens = entry.messages().stream().mapToInt(m -> tokenizer.count(m.content())).sum();
            checkContext(file, entry.line(), tokens, maxContextTokens);
            return new RequestSpec(entry.messages(), tokens, entry.outputTokens());
        }).toList();
    }

    /**
     * Synthesises a Mooncake trace's prompts: each hash id becomes a block of about
     * {@value MooncakeTraceReader#BLOCK_TOKENS} tokens that is the same text wherever the id appears, so
     * requests sharing leading ids share a prefix; the last block is cut so the whole prompt has exactly
     * {@code input_length} tokens.
     */
    public static List<RequestSpec> fromTrace(Path file, List<MooncakeTraceReader.TraceEntry> trace,
                                              SyntheticPrompts generator, int maxContextTokens) {
        ExactLengthText text = generator.text();
        Map<Long, String> blocks = new HashMap<>();
        return trace.stream().map(entry -> {
            checkContext(file, entry.line(), entry.inputLength(), maxContextTokens);
            long[] ids = entry.hashIds();
            int fullBlocks = Math.min(Math.max(0, ids.length - 1), entry.inputLength() / MooncakeTraceReader.BLOCK_TOKENS);
            StringBuilder head = new StringBuilder();
            for (int i = 0; i < fullBlocks; i++) {
                head.append(blocks.computeIfAbsent(ids[i], id -> text.build("", generator.startFor(BLOCK_STREAM, id),
                        MooncakeTraceReader.BLOCK_TOKENS) + "\n"));
            }
            // the tail continues the last listed block's own text, so equal ids and lengths give equal prompts
            long tailKey = ids.length == 0 ? -entry.line() : ids[Math.min(fullBlocks, ids.length - 1)];
            String prompt = text.build(head.toString(), generator.startFor(BLOCK_STREAM, tailKey), entry.inputLength());
            return new RequestSpec(List.of(ChatMessage.user(prompt)), entry.inputLength(), entry.outputLength());
        }).toList();
    }

    private static void checkContext(Path file, long line, int tokens, int maxContextTokens) {
        if (maxContextTokens > 0 && tokens > maxContextTokens) {
            throw new DatasetException(file, line, "prompt of " + tokens + " tokens exceeds --max-ctx-tokens "
                    + maxContextTokens);
        }
    }
}
