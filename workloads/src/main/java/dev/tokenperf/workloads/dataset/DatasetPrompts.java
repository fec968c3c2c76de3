package dev.tokenperf.workloads.dataset;

import dev.tokenperf.workloads.prompt.ChatMessage;
import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.ConversationTurn;
import dev.tokenperf.workloads.prompt.ExactLengthText;
import dev.tokenperf.workloads.prompt.RequestSpec;
import dev.tokenperf.workloads.prompt.SyntheticPrompts;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
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

    /** Synthesises a Mooncake trace's prompts, one single-turn request per line ({@link TracePrompts}). */
    public static List<RequestSpec> fromTrace(Path file, List<MooncakeTraceReader.TraceEntry> trace,
                                              SyntheticPrompts generator, int maxContextTokens) {
        TracePrompts prompts = new TracePrompts(generator);
        return trace.stream().map(entry -> {
            checkContext(file, entry.line(), entry.inputLength(), maxContextTokens);
            return new RequestSpec(List.of(ChatMessage.user(prompts.text(entry))), entry.inputLength(),
                    entry.outputLength());
        }).toList();
    }

    /**
     * A Mooncake trace's sessions ({@link MooncakeTraceReader#sessions}) as multi-turn sessions, as aiperf replays
     * them: each line's prompt (built as in {@link #fromTrace}) is the new user message of its turn, and the history
     * before it is carried as in any session run. A turn's {@code delay} is its think time, times
     * {@code delayRatio}. With {@code speedup} above 0 (a replay) a later turn with a timestamp goes at its
     * session's start plus its timestamp's distance from the first turn's, divided by {@code speedup}; with 0,
     * timestamps are not used. A session without an id is named by its line ({@code line-N}).
     */
    public static List<Conversation> fromTraceSessions(Path file, List<List<MooncakeTraceReader.TraceEntry>> sessions,
                                                       SyntheticPrompts generator, int maxContextTokens,
                                                       double delayRatio, double speedup) {
        TracePrompts prompts = new TracePrompts(generator);
        List<Conversation> out = new ArrayList<>(sessions.size());
        for (List<MooncakeTraceReader.TraceEntry> entries : sessions) {
            MooncakeTraceReader.TraceEntry first = entries.get(0);
            List<ConversationTurn> turns = new ArrayList<>(entries.size());
            for (MooncakeTraceReader.TraceEntry entry : entries) {
                checkContext(file, entry.line(), entry.inputLength(), maxContextTokens);
                double at = Double.NaN;
                if (speedup > 0 && entry != first && entry.hasTimestamp()) {
                    if (!first.hasTimestamp() || entry.timestampMillis() < first.timestampMillis()) {
                        throw new DatasetException(file, entry.line(), "a later turn's 'timestamp' must not be "
                                + "before its session's first turn's (line " + first.line() + ")");
                    }
                    at = (entry.timestampMillis() - first.timestampMillis()) / speedup;
                }
                double delay = Double.isNaN(entry.delayMillis()) ? 0 : entry.delayMillis() * delayRatio;
                turns.add(new ConversationTurn(prompts.text(entry), entry.inputLength(), entry.outputLength(), delay,
                        at));
            }
            out.add(new Conversation(first.sessionId() == null ? "line-" + first.line() : first.sessionId(), turns));
        }
        return out;
    }

    /**
     * Each hash id becomes a block of about {@value MooncakeTraceReader#BLOCK_TOKENS} tokens that is the same text
     * wherever the id appears, so entries sharing leading ids share a prefix; the last block is cut so the whole
     * prompt has exactly {@code input_length} tokens.
     */
    private static final class TracePrompts {
        private final SyntheticPrompts generator;
        private final ExactLengthText text;
        private final Map<Long, String> blocks = new HashMap<>();

        TracePrompts(SyntheticPrompts generator) {
            this.generator = generator;
            this.text = generator.text();
        }

        String text(MooncakeTraceReader.TraceEntry entry) {
            long[] ids = entry.hashIds();
            int fullBlocks = Math.min(Math.max(0, ids.length - 1), entry.inputLength() / MooncakeTraceReader.BLOCK_TOKENS);
            StringBuilder head = new StringBuilder();
            for (int i = 0; i < fullBlocks; i++) {
                head.append(blocks.computeIfAbsent(ids[i], id -> text.build("", generator.startFor(BLOCK_STREAM, id),
                        MooncakeTraceReader.BLOCK_TOKENS) + "\n"));
            }
            // the tail continues the last listed block's own text, so equal ids and lengths give equal prompts
            long tailKey = ids.length == 0 ? -entry.line() : ids[Math.min(fullBlocks, ids.length - 1)];
            return text.build(head.toString(), generator.startFor(BLOCK_STREAM, tailKey), entry.inputLength());
        }
    }

    private static void checkContext(Path file, long line, int tokens, int maxContextTokens) {
        if (maxContextTokens > 0 && tokens > maxContextTokens) {
            throw new DatasetException(file, line, "prompt of " + tokens + " tokens exceeds --max-ctx-tokens "
                    + maxContextTokens);
        }
    }
}
